package io.heartbeatharness.backend;

import io.heartbeatharness.timeline.Direction;

import io.heartbeatharness.timeline.HarnessEvents;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The link a cell's client crosses to reach its server, and the faults it can be told to make. Every method may
 * throw {@link UnsupportedFault} naming why this backend cannot make that fault; scenarios let it through, so the
 * cell is {@code UNSUPPORTED} with that reason.
 */
public interface FaultPath {

    /** Where the client connects. */
    InetSocketAddress clientAddress();

    /** Drops every byte in {@code direction}, silently, without closing anything — or stops dropping. */
    void blackhole(Direction direction, boolean on);

    /** Forgets any connection idle for longer than {@code idle}, as a NAT does: its later packets vanish. */
    void natIdle(Duration idle);

    /** The steps {@link #natIdle} can be set in (conntrack holds whole seconds); scenarios round to it. */
    default Duration natIdleGranularity() {
        return Duration.ofMillis(1);
    }

    /** Resets every connection crossing the path now (an RST to both ends), as a dying middlebox does. */
    void resetConnections();

    /** Delays every byte by {@code added} in both directions ({@link Duration#ZERO} removes the delay). */
    void latency(Duration added);

    /**
     * Delays every byte by {@code added} ± {@code jitter} (uniform) in both directions, order kept. A path without
     * jitter of its own refuses a non-zero jitter rather than dropping it.
     */
    default void latency(Duration added, Duration jitter) {
        if (!jitter.isZero()) {
            throw new UnsupportedFault("latency jitter is not supported by this path");
        }
        latency(added);
    }

    /**
     * What the timeline learns about connections from this path: {@link HarnessEvents#EVIDENCE_TAP} when the path records every
     * accept, byte, FIN and RST itself; otherwise the processes' own logs are the only evidence.
     */
    String evidence();

    /** Whether the path writes tap events (accept, bytes, FIN, RST per connection) to the cell's timeline. */
    default boolean tapped() {
        return HarnessEvents.EVIDENCE_TAP.equals(evidence());
    }
}
