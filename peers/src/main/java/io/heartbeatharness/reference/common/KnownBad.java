package io.heartbeatharness.reference.common;

import java.util.Locale;

/**
 * Deliberate mistakes a reference implementation can be told to make, so the harness can prove that the
 * scenarios built to catch them really FAIL.
 */
public enum KnownBad {
    /** The server notices a dead peer but never closes the connection (tcp-keepalive: no SO_KEEPALIVE at all). */
    NEVER_CLOSE,
    /** The client never sends heartbeats, or never answers them (tcp-keepalive: no SO_KEEPALIVE at all). */
    NEVER_PING,
    /**
     * Reconnect is scheduled only from the idle event, so a closed channel is never replaced: Netty's
     * IdleStateHandler cancels its timers in channelInactive (seed 004). The idle client adopts it.
     */
    RECONNECT_ONLY_FROM_IDLE_EVENT,
    /** Reconnect delays are the plain exponential sequence: every client comes back at the same instant. */
    NO_JITTER,
    /** The server sweeps for silent connections only once per heartbeat interval (seed 001's 10 s timer, worse). */
    SWEEP_EQUALS_INTERVAL,
    /**
     * The server waits only a third of its declared timeout for the answer to a heartbeat, so a slow but live
     * link (latency well within T) is taken for a dead one: under latency/below-timeout no round trip is shorter than
     * half of min(0.8 T, T - tolerance), which is above T / 3 whenever T exceeds three tolerances.
     */
    HASTY_TIMEOUT,
    /**
     * The client closes a connection whose heartbeat timed out but never connects again: it reconnects only when the
     * transport itself closed, as an application does that handles Socket.IO's "transport close" and takes "ping
     * timeout" for final.
     */
    NO_RECONNECT_AFTER_PING_TIMEOUT;

    public String flag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static KnownBad parse(String flag) {
        for (KnownBad bad : values()) {
            if (bad.flag().equals(flag)) {
                return bad;
            }
        }
        throw new IllegalArgumentException("flaw: unknown '" + flag + "', expected one of "
                + java.util.Arrays.stream(values()).map(KnownBad::flag).toList());
    }
}
