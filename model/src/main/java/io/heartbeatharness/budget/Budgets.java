package io.heartbeatharness.budget;

import java.time.Duration;

/**
 * Every budget the scenarios judge by, derived from a target's (already scaled) declared parameters.
 * Tests and scenarios ask here; none of them writes a millisecond figure of its own.
 */
public final class Budgets {
    private Budgets() {
    }

    /** Detection by a side that pings (or sweeps): the dead peer must be noticed within I + T + P. */
    public static Budget detection(HeartbeatParams p, Tolerance tol) {
        Duration limit = p.interval().plus(p.timeout()).plus(p.sweepPeriod()).plus(tol.absolute());
        return new Budget(limit, String.format("I + T + P + tol = %d + %d + %d + %d ms",
                p.interval().toMillis(), p.timeout().toMillis(), p.sweepPeriod().toMillis(), tol.millis()));
    }

    /** Reconnect after detection: detection budget, then at most the largest backoff delay, then a connect. */
    public static Budget reconnect(HeartbeatParams p, Tolerance tol) {
        Budget detection = detection(p, tol);
        Duration limit = detection.limit().plus(p.backoffMax()).plus(tol.absolute());
        return new Budget(limit, String.format("detection + backoff max + connect tol = %d + %d + %d ms",
                detection.millis(), p.backoffMax().toMillis(), tol.millis()));
    }

    /**
     * Reconnect once the path is back (or the peer resumed). An attempt the fault swallowed (TCP connected,
     * handshake bytes dropped) is only abandoned by the client's own silence timeout, the same I + T it applies
     * to a live connection; then at most the largest backoff delay, then a connect.
     */
    public static Budget reconnectAfterHeal(HeartbeatParams p, Tolerance tol) {
        Duration limit = p.interval().plus(p.timeout()).plus(p.backoffMax()).plus(tol.absolute());
        return new Budget(limit, String.format("I + T + backoff max + tol = %d + %d + %d + %d ms",
                p.interval().toMillis(), p.timeout().toMillis(), p.backoffMax().toMillis(), tol.millis()));
    }

    /**
     * Reconnect after the connection was lost loudly (RST, FIN, a killed peer noticed at once): at most the largest
     * backoff delay, then a connect.
     */
    public static Budget reconnectAfterLoss(HeartbeatParams p, Tolerance tol) {
        Duration limit = p.backoffMax().plus(tol.absolute()).plus(tol.absolute());
        return new Budget(limit, String.format("backoff max + connect tol + tol = %d + %d + %d ms",
                p.backoffMax().toMillis(), tol.millis(), tol.millis()));
    }

    /** Every client back after a server outage of {@code downtime}: the outage, then at most one backoff delay. */
    public static Budget reconnectAfterOutage(HeartbeatParams p, Duration downtime, Tolerance tol) {
        Duration limit = downtime.plus(p.backoffMax()).plus(tol.absolute()).plus(tol.absolute());
        return new Budget(limit, String.format("D + backoff max + connect tol + tol = %d + %d + %d + %d ms",
                downtime.toMillis(), p.backoffMax().toMillis(), tol.millis(), tol.millis()));
    }

    /**
     * Reconnect to a server that went away and listens again (same address): whatever attempt the client is
     * waiting for comes at most the largest backoff delay later, then a connect.
     */
    public static Budget reconnectAfterRestart(HeartbeatParams p, Tolerance tol) {
        Duration limit = p.backoffMax().plus(tol.absolute());
        return new Budget(limit, String.format("backoff max + tol = %d + %d ms", p.backoffMax().toMillis(), tol.millis()));
    }

    /**
     * Detection by the kernel's TCP keepalive, given the values it really holds (whole seconds): idle + intvl × cnt
     * after the last packet, plus an eighth for the kernel's timers — Linux's timer wheel lets a timer fire up to
     * about 12.5 % of its timeout late (kernel/time/timer.c), which at these durations exceeds the tolerance.
     */
    public static Budget tcpKeepalive(int idleSeconds, int intervalSeconds, int count, Tolerance tol) {
        Duration kernel = Duration.ofSeconds(idleSeconds + (long) intervalSeconds * count);
        Duration limit = kernel.plus(kernel.dividedBy(8)).plus(tol.absolute());
        return new Budget(limit, String.format("idle + intvl x cnt + 1/8 timer slack + tol = %d + %d x %d + %d + %d ms",
                idleSeconds * 1000L, intervalSeconds * 1000L, count, kernel.dividedBy(8).toMillis(), tol.millis()));
    }

    /**
     * The fewest heartbeat exchanges a correct implementation completes in {@code window}: one per longest period it may
     * have — I + T, since a library may wait up to T for the answer before its next interval starts — less one for the
     * phase the window starts in; at least one.
     */
    public static long minExchanges(HeartbeatParams p, Duration window) {
        long period = p.interval().plus(p.timeout()).toNanos();
        return Math.max(1, window.toNanos() / period - 1);
    }

    /**
     * The largest round-trip delay a live link may add without any correct implementation taking it for a dead one:
     * 80 % of T, and never so much that less than the harness's own scheduling tolerance is left of T (an answer
     * that takes T minus a late timer is still an answer in time).
     */
    public static Duration tolerableRoundTrip(HeartbeatParams p, Tolerance tol) {
        Duration eightyPercent = p.timeout().multipliedBy(4).dividedBy(5);
        Duration leavingTolerance = p.timeout().minus(tol.absolute());
        Duration limit = eightyPercent.compareTo(leavingTolerance) < 0 ? eightyPercent : leavingTolerance;
        return limit.isNegative() ? Duration.ZERO : limit;
    }
}
