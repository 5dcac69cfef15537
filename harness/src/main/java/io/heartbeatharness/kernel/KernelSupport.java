package io.heartbeatharness.kernel;

import io.heartbeatharness.process.ToolsOnPath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether this machine lets the harness build kernel networks: root, {@code ip}, {@code iptables} and
 * {@code sysctl}, and a namespace that really can be made and given a NAT rule. Found out once per JVM.
 */
public final class KernelSupport {
    private static final List<String> TOOLS = List.of("ip", "iptables", "sysctl");
    private static volatile Optional<String> cached;

    private KernelSupport() {
    }

    /** Why kernel networks cannot be built here, or empty when they can. */
    public static Optional<String> unavailableReason() {
        Optional<String> reason = cached;
        if (reason == null) {
            synchronized (KernelSupport.class) {
                if (cached == null) {
                    cached = findOut();
                }
                reason = cached;
            }
        }
        return reason;
    }

    private static Optional<String> findOut() {
        List<String> missing = TOOLS.stream().filter(t -> ToolsOnPath.find(t).isEmpty()).toList();
        if (!missing.isEmpty()) {
            return Optional.of("kernel networks need " + String.join(", ", missing)
                    + " on PATH (Debian: iproute2, iptables, procps)");
        }
        if (!root()) {
            return Optional.of("kernel networks need root (CAP_NET_ADMIN): network namespaces, veths and iptables");
        }
        String probe = KernelNames.probe().namespace("probe");
        try {
            KernelCommands.run("ip", "netns", "add", probe);
            KernelCommands.inNamespace(probe, "iptables", "-w", "-t", "nat", "-A", "POSTROUTING", "-j", "MASQUERADE");
            return Optional.empty();
        } catch (KernelCommandException e) {
            return Optional.of("cannot build a kernel network here: " + e.getMessage());
        } finally {
            try {
                KernelCommands.run("ip", "netns", "del", probe);
            } catch (KernelCommandException notMade) {
                // Nothing to remove: the namespace was never made, which the reason above already says.
            }
        }
    }

    /** The effective uid, from {@code /proc/self/status} ({@code Uid: real effective saved fs}). */
    private static boolean root() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                    .map(l -> l.split("\\s+")).anyMatch(f -> f.length > 2 && f[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }
}
