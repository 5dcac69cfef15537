package io.heartbeatharness.scenario.catalogue;

import io.heartbeatharness.scenario.HarnessException;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Semaphore;

/**
 * Shares this JVM's open-file limit between the fleet cells running in it: the embedded proxy holds two sockets per
 * fleet connection, and cells run concurrently ({@code check --jobs}, JUnit's concurrent matrix), so fleets wait
 * for each other rather than run out of file descriptors half-way and blame the target.
 */
final class FleetGate {
    /**
     * Files left for everything else the JVM holds: its jars, the pipes of every process the cells start, the
     * sockets of concurrent non-fleet cells. A few hundred each in practice; a thousand leaves room.
     */
    static final int RESERVED_FILES = 1000;
    /** Used where the JVM cannot say its limit (not a Unix): Linux's usual soft limit. */
    private static final long UNKNOWN_LIMIT = 1024;

    private static final int SOCKETS = (int) Math.max(0, Math.min(Integer.MAX_VALUE, fileLimit() - RESERVED_FILES));
    private static final Semaphore FREE_SOCKETS = new Semaphore(SOCKETS, true);

    private FleetGate() {
    }

    /** The largest fleet this JVM can proxy at all. */
    static int maxConnections() {
        return SOCKETS / 2;
    }

    /**
     * Waits until the proxy may open {@code connections} × 2 sockets, and returns what to call when done.
     *
     * @throws HarnessException when this JVM could never hold that many
     */
    static Runnable admit(int connections) {
        if (connections > maxConnections()) {
            throw new HarnessException(String.format(
                    "%d connections need %d proxy sockets, but this JVM may open %d files (%d reserved): at most %d "
                            + "connections; raise the limit (ulimit -n) or lower -D%s",
                    connections, 2L * connections, fileLimit(), RESERVED_FILES, maxConnections(),
                    FleetFrozenSubset.CONNECTIONS_PROPERTY));
        }
        int permits = 2 * connections;
        try {
            FREE_SOCKETS.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted while waiting for another fleet to finish");
        }
        return () -> FREE_SOCKETS.release(permits);
    }

    static long fileLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return UNKNOWN_LIMIT;
    }
}
