package io.heartbeatharness.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Removes the namespaces and interfaces that a killed harness run left behind: names made by {@link KernelNames}
 * whose owning JVM is no longer alive. Networks of live runs (this one included) are never touched; deleting a
 * namespace takes its veths, addresses and iptables rules with it.
 */
public final class StaleKernelNetworks {
    private StaleKernelNetworks() {
    }

    /** Removes every stale harness namespace and root-namespace interface; returns the names it removed. */
    public static List<String> sweep() {
        List<String> removed = new ArrayList<>();
        for (String namespace : namespaces()) {
            if (stale(namespace)) {
                KernelCommands.run("ip", "netns", "del", namespace);
                removed.add(namespace);
            }
        }
        for (String link : rootInterfaces()) {
            if (stale(link)) {
                KernelCommands.run("ip", "link", "del", link);
                removed.add(link);
            }
        }
        return removed;
    }

    /** Every network namespace whose name the harness made, whoever owns it. */
    public static List<String> ownedNamespaces() {
        return namespaces().stream().filter(n -> KernelNames.owner(n).isPresent()).toList();
    }

    /** Every interface of the root namespace whose name the harness made (there should never be one). */
    public static List<String> ownedRootInterfaces() {
        return rootInterfaces().stream().filter(n -> KernelNames.owner(n).isPresent()).toList();
    }

    static boolean stale(String name) {
        OptionalLong owner = KernelNames.owner(name);
        return owner.isPresent() && ProcessHandle.of(owner.getAsLong()).map(p -> !p.isAlive()).orElse(true);
    }

    /** {@code ip netns list} prints {@code name (id: 3)} or just {@code name}, one per line. */
    static List<String> namespaces() {
        return KernelCommands.run("ip", "netns", "list").lines().map(String::trim).filter(l -> !l.isEmpty())
                .map(l -> l.split("\\s+")[0]).toList();
    }

    /** {@code ip -o link show} prints {@code 12: name@peer: <FLAGS> …}, one per line. */
    static List<String> rootInterfaces() {
        return KernelCommands.run("ip", "-o", "link", "show").lines().map(l -> l.split(":\\s*"))
                .filter(parts -> parts.length > 1).map(parts -> parts[1].split("@")[0].trim()).toList();
    }
}
