package io.heartbeatharness.time;

/**
 * The one monotonic clock of the harness.
 *
 * <p>{@link System#nanoTime()} reads CLOCK_MONOTONIC on Linux, which every process on the machine shares,
 * so instants printed by peer and target processes can be placed on the same timeline as the proxy's.
 */
public final class Mono {
    private Mono() {
    }

    public static long now() {
        return System.nanoTime();
    }
}
