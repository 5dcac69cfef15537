package io.heartbeatharness.bench;

import java.time.Instant;

/**
 * The offset from the timeline's clock (CLOCK_MONOTONIC, {@code System.nanoTime}) to the wall clock the kernel
 * stamps captured packets with (CLOCK_REALTIME): a wall reading bracketed by two monotonic ones, the tightest
 * bracket of many kept, so the offset is known to within half that bracket (well under a microsecond here).
 *
 * @param nanos     wall-clock ns since the epoch minus monotonic ns
 * @param bracketNs the width of the bracket it was read in
 */
record ClockOffset(long nanos, long bracketNs) {
    private static final int SAMPLES = 10_000;

    static ClockOffset measure() {
        long best = Long.MAX_VALUE;
        long offset = 0;
        for (int i = 0; i < SAMPLES; i++) {
            long before = System.nanoTime();
            Instant wall = Instant.now();
            long after = System.nanoTime();
            if (after - before < best) {
                best = after - before;
                offset = wall.getEpochSecond() * 1_000_000_000L + wall.getNano() - (before + (after - before) / 2);
            }
        }
        return new ClockOffset(offset, best);
    }
}
