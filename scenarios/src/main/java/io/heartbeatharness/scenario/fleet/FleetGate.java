package io.heartbeatharness.scenario.fleet;

import io.heartbeatharness.verdict.HarnessException;

import java.lang.management.ManagementFactory;

/**
 * Refuses a fleet the JVM could never hold: the in-JVM proxy holds two sockets per connection, within this JVM's
 * open-file limit. (That a fleet runs with no other cell beside it is {@code CellAdmission}'s business.)
 */
final class FleetGate {
    /**
     * Files left for everything else the JVM holds: its jars, the pipes of every process the cells start, the
     * sockets of concurrent non-fleet cells. A few hundred in practice; a thousand leaves room.
     */
    static final int RESERVED_FILES = 1000;
    /** Used where the JVM cannot say its limit (not a Unix): Linux's usual soft limit. */
    private static final long UNKNOWN_LIMIT = 1024;

    private FleetGate() {
    }

    /** The largest fleet this JVM can proxy: two sockets per connection within its open-file limit. */
    static int maxConnections() {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, (fileLimit() - RESERVED_FILES) / 2));
    }

    /** @throws HarnessException when this JVM could never hold {@code connections} */
    static void checkFits(int connections) {
        if (connections > maxConnections()) {
            throw new HarnessException(String.format(
                    "%d connections need %d proxy sockets, but this JVM may open %d files (%d reserved): at most %d "
                            + "connections; raise the limit (ulimit -n) or lower -D%s",
                    connections, 2L * connections, fileLimit(), RESERVED_FILES, maxConnections(),
                    FleetFrozenSubset.CONNECTIONS_PROPERTY));
        }
    }

    static long fileLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return UNKNOWN_LIMIT;
    }
}
