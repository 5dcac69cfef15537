package io.heartbeatharness.time;

import java.time.Duration;

/**
 * Multiplier applied to every real-world duration at run time (1.0 = real time, 0.1 = ten times faster).
 *
 * <p>Scenarios and targets are written in real-world units (30 s, 90 s); only this class turns them
 * into the durations a run actually waits for, so a report can always state the scale it ran at.
 */
public record TimeScale(double factor) {

    public static final TimeScale REAL_TIME = new TimeScale(1.0);

    public TimeScale {
        if (!(factor > 0) || factor > 1000 || Double.isNaN(factor)) {
            throw new IllegalArgumentException("scale: must be a number above 0 and at most 1000, got " + factor);
        }
    }

    /** Parses a user-given scale such as {@code 0.1}; the message names the value when it is not a number. */
    public static TimeScale parse(String text) {
        try {
            return new TimeScale(Double.parseDouble(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("scale: not a number: '" + text + "'");
        }
    }

    public Duration apply(Duration realWorld) {
        return Duration.ofNanos(Math.round(realWorld.toNanos() * factor));
    }

    public long applyMillis(long realWorldMillis) {
        return Math.round(realWorldMillis * factor);
    }
}
