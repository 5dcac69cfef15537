package io.heartbeatharness.proxy.toxics;

/** Saturating arithmetic for due times, so huge attribute values mean "practically never", not an overflow. */
final class Millis {
    private Millis() {
    }

    /** {@code nanos} plus {@code millis} milliseconds; negative millis count as zero, as Go's timers treat them. */
    static long after(long nanos, long millis) {
        if (millis <= 0) {
            return nanos;
        }
        long delta = millis > Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE : millis * 1_000_000L;
        long due = nanos + delta;
        return due < nanos ? TimedQueue.NEVER - 1 : due;
    }

    static long toNanos(long millis) {
        return after(0, millis);
    }
}
