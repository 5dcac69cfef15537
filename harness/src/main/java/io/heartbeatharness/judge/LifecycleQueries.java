package io.heartbeatharness.judge;

import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TimelineEvent;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pure questions about a timeline answered from the processes' own event logs alone (the target's and the peer's
 * {@code connected}, {@code pong-received}, {@code peer-dead}, {@code closed}…) — what a backend without a tap,
 * such as the kernel, leaves as evidence.
 */
public final class LifecycleQueries {
    private static final Set<String> PROCESSES = Set.of(Sources.TARGET, Sources.PEER);
    private static final Set<String> CONNECTS = Set.of(PeerEvents.CONNECTED, PeerEvents.RECONNECTED);
    private static final Set<String> LOSSES = Set.of(PeerEvents.PEER_DEAD, PeerEvents.CLOSED);
    /** Anything a process logs when a connection ends or a new one is tried. */
    private static final Set<String> DISRUPTIONS = Set.of(PeerEvents.PEER_DEAD, PeerEvents.CLOSED, PeerEvents.CONNECTING,
            PeerEvents.RECONNECTED, PeerEvents.CONNECT_FAILED, PeerEvents.RECONNECT_SCHEDULED);

    private LifecycleQueries() {
    }

    /**
     * The first completed heartbeat exchange at or after {@code after}: a pong that arrived, at whichever side
     * pings. Only a pong that crossed the path both ways (ping out, pong back) can be received.
     */
    public static Optional<TimelineEvent> exchangeCompleted(List<TimelineEvent> events, long after) {
        return first(events, PROCESSES, Set.of(PeerEvents.PONG_RECEIVED), after);
    }

    /** The first {@code connected} (or {@code reconnected}) logged by {@code source} at or after {@code after}. */
    public static Optional<TimelineEvent> connected(List<TimelineEvent> events, String source, long after) {
        return first(events, Set.of(source), CONNECTS, after);
    }

    /**
     * When {@code source} gave up on its connection at or after {@code after}: its first {@code peer-dead} or
     * {@code closed} — its own detection, or a close it learned of.
     */
    public static Optional<TimelineEvent> lost(List<TimelineEvent> events, String source, long after) {
        return first(events, Set.of(source), LOSSES, after);
    }

    /**
     * When the target acted on a dead connection at or after {@code after}: a server must close it ({@code closed};
     * noticing without closing leaks the connection), a client gives up on it ({@code peer-dead} or {@code closed}),
     * after which its reconnect is judged on its own.
     */
    public static Optional<TimelineEvent> targetDetected(List<TimelineEvent> events, Side role, long after) {
        return role == Side.SERVER ? first(events, Set.of(Sources.TARGET), Set.of(PeerEvents.CLOSED), after)
                : lost(events, Sources.TARGET, after);
    }

    /** The first sign, from either process, that a connection ended or a new one was tried, at or after {@code after}. */
    public static Optional<TimelineEvent> disruption(List<TimelineEvent> events, long after) {
        return first(events, PROCESSES, DISRUPTIONS, after);
    }

    private static Optional<TimelineEvent> first(List<TimelineEvent> events, Set<String> sources, Set<String> types,
                                                 long after) {
        return events.stream().filter(e -> e.monoNanos() >= after && sources.contains(e.source())
                && types.contains(e.type())).findFirst();
    }
}
