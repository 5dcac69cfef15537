package io.heartbeatharness.process;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Removes what killed harness runs left behind — a SIGSTOPped peer, an nginx, a temporary directory — before this
 * run starts anything: the clean-up of last resort when neither {@code finally}, the shutdown hook nor
 * {@link OrphanGuard} could run (the JVM and its guard were both killed, the machine lost power mid-run).
 */
public final class Leftovers {
    /** The name prefix of nginx's prefix directory, which also appears in its command line. */
    public static final String NGINX_PREFIX = "heartbeat-harness-nginx";

    private static boolean swept;

    private Leftovers() {
    }

    /** The built-in kinds plus every {@link LeftoverKind} found with {@link ServiceLoader}. */
    static List<LeftoverKind> kinds() {
        List<LeftoverKind> kinds = new ArrayList<>(List.of(new LeftoverProcesses(), new LeftoverTempDirs()));
        ServiceLoader.load(LeftoverKind.class).forEach(kinds::add);
        return kinds;
    }

    /** Removes every leftover of dead runs now; returns what was removed. */
    public static List<String> removeAll() {
        List<String> removed = new ArrayList<>();
        for (LeftoverKind kind : kinds()) {
            try {
                removed.addAll(kind.removeLeftovers());
            } catch (RuntimeException e) {
                // One kind failing (no /proc, no permission) must not stop the run or the other kinds.
                System.err.println("heartbeat-harness: warning: cannot remove leftovers (" + kind.getClass().getSimpleName()
                        + "): " + e.getMessage());
            }
        }
        if (!removed.isEmpty()) {
            System.err.println("heartbeat-harness: removed what a killed run left behind: " + String.join(", ", removed));
        }
        return removed;
    }

    /** {@link #removeAll()} once per JVM, before the first process of this run starts. */
    static synchronized void removeOnce() {
        if (!swept) {
            swept = true;
            removeAll();
        }
    }
}
