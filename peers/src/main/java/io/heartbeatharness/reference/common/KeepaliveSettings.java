package io.heartbeatharness.reference.common;

import io.heartbeatharness.budget.HeartbeatParams;

import java.time.Duration;
import java.util.Objects;

/**
 * TCP keepalive as the tcp-keepalive design sets it on every socket: {@code TCP_KEEPIDLE}, {@code TCP_KEEPINTVL}
 * and {@code TCP_KEEPCNT} (seeds 002 and 003). Linux takes whole seconds, so both durations are rounded up
 * (at least 1 s): the kernel never probes sooner than declared, and a dead peer is reported at most
 * {@link #effectiveDetection()} after the connection went quiet.
 *
 * @param idle     quiet time before the first probe (TCP_KEEPIDLE)
 * @param interval time between unanswered probes (TCP_KEEPINTVL)
 * @param count    unanswered probes before the kernel reports the connection dead (TCP_KEEPCNT)
 */
public record KeepaliveSettings(Duration idle, Duration interval, int count) {

    /**
     * Three probes: the tcp-keepalive design declares T = 30 s, so each probe gets 10 s — 1 s at the CI time
     * scale of 0.1, which the kernel's whole seconds express exactly. (Linux's own default is 9 × 75 s.)
     */
    public static final int DEFAULT_COUNT = 3;
    // Linux limits: MAX_TCP_KEEPIDLE and MAX_TCP_KEEPINTVL are 32767 s, MAX_TCP_KEEPCNT is 127 (include/net/tcp.h).
    private static final Duration MAX_SECONDS = Duration.ofSeconds(32767);
    private static final int MAX_COUNT = 127;

    public KeepaliveSettings {
        within("keepidle-ms", idle);
        within("keepintvl-ms", interval);
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("keepcnt: must be 1.." + MAX_COUNT + ", got " + count);
        }
    }

    /**
     * The declared heartbeat parameters read as keepalive: I is the idle time and T is spent on {@code count}
     * probes, so the budget I + T is the kernel's idle + intvl × cnt.
     */
    public static KeepaliveSettings of(HeartbeatParams heartbeat, int count) {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("keepcnt: must be 1.." + MAX_COUNT + ", got " + count);
        }
        return new KeepaliveSettings(heartbeat.interval(), heartbeat.timeout().dividedBy(count), count);
    }

    public KeepaliveSettings withIdle(Duration value) {
        return new KeepaliveSettings(value, interval, count);
    }

    public KeepaliveSettings withInterval(Duration value) {
        return new KeepaliveSettings(idle, value, count);
    }

    /** TCP_KEEPIDLE as set: whole seconds, rounded up. */
    public int idleSeconds() {
        return wholeSecondsUp(idle);
    }

    /** TCP_KEEPINTVL as set: whole seconds, rounded up. */
    public int intervalSeconds() {
        return wholeSecondsUp(interval);
    }

    /** Idle + interval × count as the kernel will apply it, after rounding. */
    public Duration effectiveDetection() {
        return Duration.ofSeconds(idleSeconds() + (long) intervalSeconds() * count);
    }

    private static int wholeSecondsUp(Duration value) {
        long seconds = value.getSeconds() + (value.getNano() > 0 ? 1 : 0);
        return (int) Math.max(1, seconds);
    }

    private static void within(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + ": must be above 0, got " + value.toMillis());
        }
        if (value.compareTo(MAX_SECONDS) > 0) {
            throw new IllegalArgumentException(field + ": must be at most " + MAX_SECONDS.toMillis() + " (the kernel's limit), got "
                    + value.toMillis());
        }
    }
}
