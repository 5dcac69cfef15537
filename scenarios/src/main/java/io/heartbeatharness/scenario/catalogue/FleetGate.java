package io.heartbeatharness.scenario.catalogue;

import io.heartbeatharness.scenario.HarnessException;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Semaphore;

/**
 * Lets one fleet run at a time in this JVM, and refuses a fleet the JVM could never hold. Cells run concurrently
 * ({@code check --jobs}, JUnit's concurrent matrix), but a fleet is eleven JVMs and thousands of connections through
 * the in-JVM proxy: two at once on a small machine starve each other's proxy event loop, so detection times would
 * measure the overload, not the target. And the proxy holds two sockets per connection, within this JVM's
 * open-file limit.
 */
final class FleetGate {
    /**
     * Files left for everything else the JVM holds: its jars, the pipes of every process the cells start, the
     * sockets of concurrent non-fleet cells. A few hundred in practice; a thousand leaves room.
     */
    static final int RESERVED_FILES = 1000;
    /** Used where the JVM cannot say its limit (not a Unix): Linux's usual soft limit. */
    private static final long UNKNOWN_LIMIT = 1024;
    private static final Semaphore ONE_FLEET = new Semaphore(1, true);

    private FleetGate() {
    }

    /** The largest fleet this JVM can proxy: two sockets per connection within its open-file limit. */
    static int maxConnections() {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, (fileLimit() - RESERVED_FILES) / 2));
    }

    /**
     * Waits until no other fleet runs, and returns what to call when this one is done (its proxy closed).
     *
     * @throws HarnessException when this JVM could never hold {@code connections}
     */
    static Runnable admit(int connections) {
        if (connections > maxConnections()) {
            throw new HarnessException(String.format(
                    "%d connections need %d proxy sockets, but this JVM may open %d files (%d reserved): at most %d "
                            + "connections; raise the limit (ulimit -n) or lower -D%s",
                    connections, 2L * connections, fileLimit(), RESERVED_FILES, maxConnections(),
                    FleetFrozenSubset.CONNECTIONS_PROPERTY));
        }
        try {
            ONE_FLEET.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted while waiting for another fleet to finish");
        }
        return ONE_FLEET::release;
    }

    static long fileLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return UNKNOWN_LIMIT;
    }
}
