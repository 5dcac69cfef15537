package io.heartbeatharness.kernel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers every kernel network this JVM built and not yet removed, and removes them when the JVM shuts down —
 * so an interrupted run leaves no namespace, veth or rule behind. A JVM killed outright cannot run the hook; the
 * next run's {@link StaleKernelNetworks#sweep()} removes what it left.
 */
final class KernelReaper {
    private static final Set<NatRouterNetwork> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(KernelReaper::removeAll, "kernel-network-reaper"));
    }

    private KernelReaper() {
    }

    static void register(NatRouterNetwork network) {
        LIVE.add(network);
    }

    static void unregister(NatRouterNetwork network) {
        LIVE.remove(network);
    }

    static void removeAll() {
        for (NatRouterNetwork network : Set.copyOf(LIVE)) {
            try {
                network.close();
            } catch (RuntimeException e) {
                System.err.println("heartbeat-harness: could not remove kernel network " + network.names().cell() + ": "
                        + e.getMessage());
            }
        }
    }
}
