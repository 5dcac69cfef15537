package io.heartbeatharness.judge;

import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TapEvents;
import io.heartbeatharness.timeline.TimelineEvent;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Pure questions about a timeline, shared by every check. They are answered from the proxy tap (accept, bytes, FIN,
 * RST per connection) when the cell's fault path has one, and otherwise — a path that records nothing, such as
 * Toxiproxy — from the processes' own event logs ({@link ProcessLogQueries}), as the timeline's {@code fault-path}
 * event declares. Connection ids are opaque: pass on what {@link #connectionOpenAt} returned.
 */
public final class TapQueries {
    private TapQueries() {
    }

    /** The first harness mark of {@code type}, e.g. {@code fault-start}. */
    public static Optional<TimelineEvent> mark(List<TimelineEvent> events, String type) {
        return events.stream().filter(e -> e.source().equals(Sources.HARNESS) && e.is(type)).findFirst();
    }

    /** The proxied connection that was open at {@code instant}: accepted before it, closed by neither side before it. */
    public static Optional<String> connectionOpenAt(List<TimelineEvent> events, long instant) {
        Optional<ProcessLogQueries> logs = ProcessLogQueries.of(events);
        if (logs.isPresent()) {
            return logs.get().connectionOpenAt(events, instant);
        }
        String last = null;
        for (TimelineEvent e : events) {
            if (e.monoNanos() > instant) {
                break;
            }
            if (isTap(e) && e.is(TapEvents.ACCEPT)) {
                last = e.str("conn");
            }
        }
        if (last == null) {
            return Optional.empty();
        }
        String conn = last;
        boolean closedBefore = events.stream().anyMatch(e -> e.monoNanos() <= instant && isTap(e)
                && conn.equals(e.str("conn")) && (e.is(TapEvents.FIN) || e.is(TapEvents.RST)));
        return closedBefore ? Optional.empty() : Optional.of(conn);
    }

    /**
     * The first close that {@code side} of connection {@code conn} made after {@code after}: a FIN or RST, or a
     * WebSocket Close frame it sent — a target that starts the close handshake has declared its peer gone, even when
     * it then waits seconds for an answer that cannot come before it closes its socket.
     */
    public static Optional<TimelineEvent> closeBy(List<TimelineEvent> events, String conn, Side side, long after) {
        Optional<ProcessLogQueries> logs = ProcessLogQueries.of(events);
        if (logs.isPresent()) {
            return logs.get().closeBy(events, conn, side, after);
        }
        return events.stream()
                .filter(e -> e.monoNanos() >= after && isTap(e) && conn.equals(e.str("conn"))
                        && ((e.is(TapEvents.FIN) || e.is(TapEvents.RST)) && side.wireName().equals(e.str("side"))
                        || closeFrameFrom(e, side)))
                .findFirst();
    }

    /** Whether {@code e} is a WebSocket Close frame sent by {@code side}. */
    public static boolean closeFrameFrom(TimelineEvent e, Side side) {
        return isTap(e) && e.is(TapEvents.WS_FRAME) && "close".equals(e.str("frame")) && side.wireName().equals(e.str("side"));
    }

    /**
     * When connection {@code conn} ended after {@code after}, whoever ended it: a FIN or RST from either end, or the
     * proxy closing it itself (from the tap); either process logging its end closed (from the logs).
     */
    public static OptionalLong endedAt(List<TimelineEvent> events, String conn, long after) {
        Optional<ProcessLogQueries> logs = ProcessLogQueries.of(events);
        if (logs.isPresent()) {
            return logs.get().endedAt(events, conn, after);
        }
        return events.stream().filter(e -> e.monoNanos() >= after && isTap(e) && conn.equals(e.str("conn"))
                        && (e.is(TapEvents.FIN) || e.is(TapEvents.RST) || e.is(TapEvents.PROXY_CLOSE)))
                .mapToLong(TimelineEvent::monoNanos).findFirst();
    }

    /**
     * The instant a connection other than {@code except} first carried bytes both ways that were delivered
     * (not dropped) after {@code after} — the moment a reconnect has really worked.
     */
    public static OptionalLong reconnectedAt(List<TimelineEvent> events, String except, long after) {
        Optional<ProcessLogQueries> logs = ProcessLogQueries.of(events);
        if (logs.isPresent()) {
            return logs.get().reconnectedAt(events, except, after);
        }
        long best = Long.MAX_VALUE;
        for (String conn : events.stream().filter(e -> isTap(e) && e.is(TapEvents.ACCEPT))
                .map(e -> e.str("conn")).filter(c -> !Objects.equals(c, except)).distinct().toList()) {
            OptionalLong up = firstDelivered(events, conn, Direction.UPSTREAM, after);
            OptionalLong down = firstDelivered(events, conn, Direction.DOWNSTREAM, after);
            if (up.isPresent() && down.isPresent()) {
                best = Math.min(best, Math.max(up.getAsLong(), down.getAsLong()));
            }
        }
        return best == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(best);
    }

    /** The first instant bytes flowing {@code direction} on {@code conn} were delivered after {@code after}. */
    public static OptionalLong firstDelivered(List<TimelineEvent> events, String conn, Direction direction, long after) {
        return events.stream()
                .filter(e -> e.monoNanos() >= after && isTap(e) && e.is(TapEvents.BYTES) && conn.equals(e.str("conn"))
                        && direction.wireName().equals(e.str("direction")) && !Boolean.TRUE.equals(e.data().get("dropped")))
                .mapToLong(TimelineEvent::monoNanos).findFirst();
    }

    /** The first event from {@code source} of {@code type} at or after {@code after}. */
    public static Optional<TimelineEvent> first(List<TimelineEvent> events, String source, String type, long after) {
        return events.stream().filter(e -> e.monoNanos() >= after && e.source().equals(source) && e.is(type)).findFirst();
    }

    /**
     * The peer has answered (or received the answer to) a heartbeat since {@code after} and it crossed the
     * proxy: the last moment both sides heard each other.
     */
    public static boolean heartbeatExchanged(List<TimelineEvent> events, long after) {
        Optional<ProcessLogQueries> logs = ProcessLogQueries.of(events);
        if (logs.isPresent()) {
            return logs.get().heartbeatExchanged(events, after);
        }
        return peerExchanged(events, after) || targetExchanged(events, after, towardTarget(events));
    }

    /** The direction the target hears, from the timeline's fault-path mark: upstream when it is the server. */
    private static Direction towardTarget(List<TimelineEvent> events) {
        return events.stream().filter(e -> e.source().equals(Sources.HARNESS) && e.is(HarnessEvents.FAULT_PATH)).findFirst()
                .map(e -> "target".equals(e.str("server")) ? Direction.UPSTREAM : Direction.DOWNSTREAM)
                .orElse(Direction.UPSTREAM);
    }

    /**
     * The peer answered a ping of the target's own after {@code after} and the answer crossed the proxy toward the
     * target ({@code towardTarget}): the exchange a target that pings measures its silence from.
     */
    public static boolean targetExchanged(List<TimelineEvent> events, long after, Direction towardTarget) {
        Optional<ProcessLogQueries> logs = ProcessLogQueries.of(events);
        if (logs.isPresent()) {
            return logs.get().pongReached(events, "target", after);
        }
        Optional<TimelineEvent> pong = first(events, "peer", "pong-sent", after);
        if (pong.isEmpty()) {
            return false;
        }
        // The pong is written before its event is logged: look for bytes toward the target after the ping it answers.
        long sent = pong.get().monoNanos();
        long prompted = events.stream().filter(e -> e.monoNanos() <= sent && e.source().equals(Sources.PEER)
                && e.is(PeerEvents.PING_RECEIVED)).mapToLong(TimelineEvent::monoNanos).max().orElse(sent);
        return events.stream().anyMatch(e -> e.monoNanos() >= prompted && isTap(e) && e.is(TapEvents.BYTES)
                && towardTarget.wireName().equals(e.str("direction")) && !Boolean.TRUE.equals(e.data().get("dropped")));
    }

    /** Whether the target has sent a ping of its own: the peer received one (the peer logs every ping it answers). */
    public static boolean targetPinged(List<TimelineEvent> events) {
        Optional<ProcessLogQueries> logs = ProcessLogQueries.of(events);
        String pinger = logs.isPresent() ? "target" : "peer";
        String type = logs.isPresent() ? "ping-sent" : "ping-received";
        return events.stream().anyMatch(e -> e.source().equals(pinger) && e.is(type));
    }

    /** The target answered a ping of the peer's after {@code after}: the exchange a target that only answers hears last. */
    public static boolean peerExchanged(List<TimelineEvent> events, long after) {
        Optional<ProcessLogQueries> logs = ProcessLogQueries.of(events);
        if (logs.isPresent()) {
            return logs.get().pongReached(events, "peer", after);
        }
        return events.stream().anyMatch(e -> e.monoNanos() >= after && e.source().equals(Sources.PEER) && e.is(PeerEvents.PONG_RECEIVED));
    }

    public static boolean heartbeatExchanged(List<TimelineEvent> events) {
        return heartbeatExchanged(events, Long.MIN_VALUE);
    }

    public static long millisBetween(long fromNanos, long toNanos) {
        return Math.round((toNanos - fromNanos) / 1e6);
    }

    private static boolean isTap(TimelineEvent e) {
        return e.source().equals(Sources.PROXY);
    }
}
