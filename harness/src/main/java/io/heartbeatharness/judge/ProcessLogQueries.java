package io.heartbeatharness.judge;

import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TimelineEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The questions {@link TapQueries} asks of the proxy tap, answered from the processes' own event logs instead — for
 * fault paths that record nothing themselves (Toxiproxy).
 *
 * <p>Each process names its end of a connection by its own port (a server by {@code remote_port}, a client by
 * {@code local_port}); across a proxy the two ends share no port, so a link is named by an instant it was open at
 * ({@code logs@<mono_ns>}), and each process's end open at that instant is its end of that link. Cells on one link at
 * a time are judged exactly so; the storm is judged per client slot ({@link #returnsSince}).
 *
 * <p>What counts as evidence: a process has <em>closed</em> a link when it logs {@code closed} by {@code self} (or by
 * its {@code kernel}), never when it only saw its peer go; it has <em>heard</em> its peer on a link when it logs a
 * ping or pong received on it, or, for protocols whose {@code connected} follows a handshake, {@code connected}.
 * A link works when both ends have heard each other — the tap's "bytes delivered both ways".
 */
final class ProcessLogQueries {
    private static final String CONN_PREFIX = "logs@";
    /** A process closed a link itself (or its kernel did), rather than seeing its peer go. */
    static final Set<String> SELF_CLOSES = Set.of("self", "kernel");

    private final String server;
    private final String client;
    private final boolean connectedAfterHandshake;

    private ProcessLogQueries(String server, String client, boolean connectedAfterHandshake) {
        this.server = server;
        this.client = client;
        this.connectedAfterHandshake = connectedAfterHandshake;
    }

    /** The log queries for this timeline when its fault path declared no tap; empty when the tap is the evidence. */
    static Optional<ProcessLogQueries> of(List<TimelineEvent> events) {
        for (TimelineEvent e : events) {
            if (e.source().equals(Sources.HARNESS) && e.is(HarnessEvents.FAULT_PATH)) {
                if (!HarnessEvents.EVIDENCE_PROCESS_LOGS.equals(e.str("evidence"))) {
                    return Optional.empty();
                }
                return Optional.of(new ProcessLogQueries(e.str("server"), e.str("client"),
                        Boolean.parseBoolean(e.str("handshake"))));
            }
        }
        return Optional.empty();
    }

    /** One process's end of one connection: from its {@code connected} to its {@code closed} (if any). */
    private record End(String port, String slot, long connectedAt, TimelineEvent closed) {
        boolean openAt(long instant) {
            return connectedAt <= instant && (closed == null || closed.monoNanos() > instant);
        }

        boolean holds(long instant) {
            return connectedAt <= instant && (closed == null || closed.monoNanos() >= instant);
        }
    }

    private static String portOf(TimelineEvent e) {
        String remote = e.str("remote_port");
        return remote != null ? remote : e.str("local_port");
    }

    /** The ends {@code source} logged, in the order they connected. */
    private static List<End> ends(List<TimelineEvent> events, String source) {
        List<End> ends = new ArrayList<>();
        Map<String, Integer> open = new HashMap<>();
        for (TimelineEvent e : events) {
            if (!e.source().equals(source)) {
                continue;
            }
            String port = portOf(e);
            if (port == null) {
                continue;
            }
            if (e.is(PeerEvents.CONNECTED)) {
                open.put(port, ends.size());
                ends.add(new End(port, e.str("slot"), e.monoNanos(), null));
            } else if (e.is(PeerEvents.CLOSED) && open.containsKey(port)) {
                int index = open.remove(port);
                End end = ends.get(index);
                ends.set(index, new End(end.port(), end.slot(), end.connectedAt(), e));
            }
        }
        return ends;
    }

    private static Optional<End> endOpenAt(List<End> ends, long instant) {
        End found = null;
        for (End end : ends) {
            if (end.openAt(instant)) {
                found = end;
            }
        }
        return Optional.ofNullable(found);
    }

    private static long instantOf(String conn) {
        if (conn == null || !conn.startsWith(CONN_PREFIX)) {
            throw new IllegalArgumentException("not a connection named from process logs: " + conn);
        }
        return Long.parseLong(conn.substring(CONN_PREFIX.length()));
    }

    /** The link open at {@code instant}: both processes hold an end of a connection then. */
    Optional<String> connectionOpenAt(List<TimelineEvent> events, long instant) {
        boolean both = endOpenAt(ends(events, server), instant).isPresent()
                && endOpenAt(ends(events, client), instant).isPresent();
        return both ? Optional.of(CONN_PREFIX + instant) : Optional.empty();
    }

    /** The first {@code closed} by itself that the process on {@code side} logged for its end of {@code conn}. */
    Optional<TimelineEvent> closeBy(List<TimelineEvent> events, String conn, Side side, long after) {
        String source = side == Side.SERVER ? server : client;
        return endOpenAt(ends(events, source), instantOf(conn))
                .map(End::closed)
                .filter(closed -> closed.monoNanos() >= after && SELF_CLOSES.contains(closed.str("by")));
    }

    /** The first instant after {@code after} at which either process logged its end of {@code conn} closed, by anyone. */
    OptionalLong endedAt(List<TimelineEvent> events, String conn, long after) {
        return java.util.stream.Stream.of(server, client)
                .flatMap(source -> endOpenAt(ends(events, source), instantOf(conn)).stream())
                .map(End::closed).filter(java.util.Objects::nonNull)
                .mapToLong(TimelineEvent::monoNanos).filter(t -> t >= after).min();
    }

    /**
     * The first instant after {@code after} at which both processes have heard each other on a connection other
     * than their ends of {@code except} ({@code null}: any connection).
     */
    OptionalLong reconnectedAt(List<TimelineEvent> events, String except, long after) {
        OptionalLong serverHeard = firstHeard(events, server, except, after);
        OptionalLong clientHeard = firstHeard(events, client, except, after);
        if (serverHeard.isEmpty() || clientHeard.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(serverHeard.getAsLong(), clientHeard.getAsLong()));
    }

    private OptionalLong firstHeard(List<TimelineEvent> events, String source, String except, long after) {
        List<End> ends = ends(events, source);
        End excluded = except == null ? null : endOpenAt(ends, instantOf(except)).orElse(null);
        for (TimelineEvent e : events) {
            if (e.monoNanos() < after || !e.source().equals(source) || !heard(e)) {
                continue;
            }
            Optional<End> end = endOf(ends, e);
            if (end.isPresent() && !end.get().equals(excluded)) {
                return OptionalLong.of(e.monoNanos());
            }
        }
        return OptionalLong.empty();
    }

    private boolean heard(TimelineEvent e) {
        return e.is(PeerEvents.PING_RECEIVED) || e.is(PeerEvents.PONG_RECEIVED)
                || connectedAfterHandshake && e.is(PeerEvents.CONNECTED);
    }

    private static Optional<End> endOf(List<End> ends, TimelineEvent e) {
        String port = portOf(e);
        End found = null;
        for (End end : ends) {
            if (end.port().equals(port) && end.holds(e.monoNanos())) {
                found = end;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Either process received the answer to a heartbeat after {@code after}: it crossed the path both ways. */
    /** A pong to {@code source}'s own ping reached it after {@code after}. */
    boolean pongReached(List<TimelineEvent> events, String source, long after) {
        return events.stream().anyMatch(e -> e.monoNanos() >= after && e.is(PeerEvents.PONG_RECEIVED) && e.source().equals(source));
    }

    boolean heartbeatExchanged(List<TimelineEvent> events, long after) {
        return events.stream().anyMatch(e -> e.monoNanos() >= after && e.is(PeerEvents.PONG_RECEIVED)
                && (e.source().equals(server) || e.source().equals(client)));
    }

    /**
     * Per client slot, its first connection made after {@code after} on which it heard the server: when that
     * attempt began ({@code connecting}, the log's nearest to the tap's accept) and when it first heard.
     */
    List<StormQueries.Return> returnsSince(List<TimelineEvent> events, long after) {
        List<End> ends = ends(events, client);
        Map<String, Long> lastConnecting = new HashMap<>();
        Map<String, Long> attemptOf = new HashMap<>();
        Map<String, StormQueries.Return> back = new HashMap<>();
        for (TimelineEvent e : events) {
            if (e.monoNanos() < after || !e.source().equals(client)) {
                continue;
            }
            String slot = e.str("slot");
            if (slot == null || back.containsKey(slot)) {
                continue;
            }
            if (e.is(PeerEvents.CONNECTING)) {
                lastConnecting.put(slot, e.monoNanos());
            } else if (e.is(PeerEvents.CONNECTED)) {
                attemptOf.put(portOf(e), lastConnecting.getOrDefault(slot, e.monoNanos()));
            }
            if (heard(e)) {
                Optional<End> end = endOf(ends, e);
                if (end.isPresent() && end.get().connectedAt() >= after) {
                    long arrived = attemptOf.getOrDefault(end.get().port(), end.get().connectedAt());
                    back.put(slot, new StormQueries.Return(arrived, e.monoNanos()));
                }
            }
        }
        List<StormQueries.Return> working = new ArrayList<>(back.values());
        working.sort(java.util.Comparator.comparingLong(StormQueries.Return::workingNanos));
        return working;
    }
}
