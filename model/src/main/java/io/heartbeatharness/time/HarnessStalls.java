package io.heartbeatharness.time;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * When the harness JVM itself stood still — a garbage collection, a safepoint, a machine that gave it no core — as
 * seen by a watchdog thread that wakes every few milliseconds and notes every wake-up that came much too late. The
 * proxy stamps every fault and every close, so such a stall shows up as a late detection on the target's side of the
 * ledger: a verdict that a stall can explain is not a verdict on the target.
 */
public final class HarnessStalls {
    /** How often the watchdog wakes. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** A wake-up later than this is a stall (scheduling alone makes a few milliseconds). */
    static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** The stalls kept: enough for the longest run's cells to look back over. */
    private static final int KEPT = 4_096;

    private static final Deque<Stall> stalls = new ArrayDeque<>();
    private static Thread watchdog;

    /** A stretch of monotonic time ({@link System#nanoTime()}) in which the harness did not run. */
    public record Stall(long startNanos, long endNanos) {
        public long millis() {
            return TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos);
        }
    }

    private HarnessStalls() {
    }

    /** Starts the watchdog, once per JVM. */
    public static synchronized void watch() {
        if (watchdog != null) {
            return;
        }
        watchdog = new Thread(HarnessStalls::loop, "harness-stall-watchdog");
        watchdog.setDaemon(true);
        watchdog.setPriority(Thread.MAX_PRIORITY);
        watchdog.start();
    }

    private static void loop() {
        while (true) {
            long before = System.nanoTime();
            LockSupport.parkNanos(TICK_NANOS);
            long after = System.nanoTime();
            if (after - before - TICK_NANOS > STALL_NANOS) {
                record(new Stall(before + TICK_NANOS, after));
            }
        }
    }

    static synchronized void record(Stall stall) {
        if (stalls.size() == KEPT) {
            stalls.removeFirst();
        }
        stalls.addLast(stall);
    }

    /** The stalls that overlap {@code [fromNanos, toNanos]}, oldest first. */
    public static synchronized List<Stall> during(long fromNanos, long toNanos) {
        return stalls.stream().filter(s -> s.endNanos() > fromNanos && s.startNanos() < toNanos).toList();
    }
}
