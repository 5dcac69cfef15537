package io.heartbeatharness.budget;

import io.heartbeatharness.time.TimeScale;

import java.time.Duration;
import java.util.Objects;

/**
 * The heartbeat parameters a target declares, in real-world units; the budget of every scenario is
 * derived from them and nothing else.
 *
 * @param interval       I: how often a heartbeat is sent
 * @param timeout        T: how long a pong (or the next heartbeat) may take before the peer is declared dead
 * @param sweepPeriod    P: period of the timer that checks connections; {@link Duration#ZERO} when exact
 * @param backoffInitial first reconnect delay cap
 * @param backoffMax     largest reconnect delay
 * @param jitter         whether reconnect delays use full jitter
 * @param closeCode      close code the target sends when it declares its peer dead, or {@code null}
 * @param closeReason    close reason that goes with {@code closeCode}, or {@code null}
 */
public record HeartbeatParams(
        Duration interval,
        Duration timeout,
        Duration sweepPeriod,
        Duration backoffInitial,
        Duration backoffMax,
        boolean jitter,
        Integer closeCode,
        String closeReason) {

    /** Seed 000's design: ping every 30 s, pong within 5 s, close 4000 "heartbeat timeout". */
    public static final HeartbeatParams SEED_000 = new HeartbeatParams(
            Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ZERO,
            Duration.ofSeconds(1), Duration.ofSeconds(10), true, 4000, "heartbeat timeout");

    public HeartbeatParams {
        positive("interval", interval);
        positive("timeout", timeout);
        notNegative("sweep_period", sweepPeriod);
        positive("backoff_initial", backoffInitial);
        positive("backoff_max", backoffMax);
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("backoff_max: must be at least backoff_initial ("
                    + backoffInitial.toMillis() + " ms), got " + backoffMax.toMillis() + " ms");
        }
        if (closeCode != null && (closeCode < 1000 || closeCode > 4999)) {
            throw new IllegalArgumentException("close_code: must be a WebSocket close code 1000..4999, got " + closeCode);
        }
    }

    public HeartbeatParams withInterval(Duration value) {
        return new HeartbeatParams(value, timeout, sweepPeriod, backoffInitial, backoffMax, jitter, closeCode, closeReason);
    }

    public HeartbeatParams withTimeout(Duration value) {
        return new HeartbeatParams(interval, value, sweepPeriod, backoffInitial, backoffMax, jitter, closeCode, closeReason);
    }

    public HeartbeatParams withSweepPeriod(Duration value) {
        return new HeartbeatParams(interval, timeout, value, backoffInitial, backoffMax, jitter, closeCode, closeReason);
    }

    public HeartbeatParams withBackoff(Duration initial, Duration max) {
        return new HeartbeatParams(interval, timeout, sweepPeriod, initial, max, jitter, closeCode, closeReason);
    }

    public HeartbeatParams withJitter(boolean value) {
        return new HeartbeatParams(interval, timeout, sweepPeriod, backoffInitial, backoffMax, value, closeCode, closeReason);
    }

    public HeartbeatParams withClose(Integer code, String reason) {
        return new HeartbeatParams(interval, timeout, sweepPeriod, backoffInitial, backoffMax, jitter, code, reason);
    }

    /** The same parameters with every duration multiplied by the run's time scale. */
    public HeartbeatParams scaled(TimeScale scale) {
        return new HeartbeatParams(scale.apply(interval), scale.apply(timeout), scale.apply(sweepPeriod),
                scale.apply(backoffInitial), scale.apply(backoffMax), jitter, closeCode, closeReason);
    }

    private static void positive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + ": must be above 0, got " + value.toMillis() + " ms");
        }
    }

    private static void notNegative(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + ": must not be negative, got " + value.toMillis() + " ms");
        }
    }
}
