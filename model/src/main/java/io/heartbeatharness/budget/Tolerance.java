package io.heartbeatharness.budget;

import java.time.Duration;

/**
 * The slack added to every budget for scheduling jitter, process wake-up and loopback delivery — the only
 * place a tolerance is defined, so every window in every report states the same figure.
 *
 * @param absolute added to every detection and reconnect budget
 */
public record Tolerance(Duration absolute) {

    /**
     * 150 ms: timer lateness plus JVM wake-up plus loopback delivery on a busy 2-core machine. The figure is
     * checked by {@code SchedulingJitterIT}, which fails when the measured worst timer lateness reaches two thirds of it.
     */
    public static final Tolerance DEFAULT = new Tolerance(Duration.ofMillis(150));

    public Tolerance {
        if (absolute == null || absolute.isNegative()) {
            throw new IllegalArgumentException("tolerance: must not be negative");
        }
    }

    public long millis() {
        return absolute.toMillis();
    }
}
