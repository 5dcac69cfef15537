package io.heartbeatharness.judge;

import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TapEvents;
import io.heartbeatharness.timeline.TimelineEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over a (large) timeline to find when each connection opened after an instant first worked — from the
 * proxy tap, or from the clients' own logs on a path without one (see {@link TapQueries}).
 */
public final class StormQueries {
    private StormQueries() {
    }

    /** A connection that came back: when the client's attempt arrived, and when it first worked both ways. */
    public record Return(long arrivedNanos, long workingNanos) {
    }

    /**
     * Instants (monotonic ns, sorted) at which connections accepted after {@code after} first carried delivered
     * bytes in both directions — one per client that came back.
     */
    public static List<Long> workingConnectionsSince(List<TimelineEvent> events, long after) {
        return returnsSince(events, after).stream().map(Return::workingNanos).sorted().toList();
    }

    /** Connections accepted after {@code after} that came to work, in the order they came to work. */
    public static List<Return> returnsSince(List<TimelineEvent> events, long after) {
        var logs = ProcessLogQueries.of(events);
        if (logs.isPresent()) {
            return logs.get().returnsSince(events, after);
        }
        Map<String, Long> accepted = new HashMap<>();
        Map<String, Long> up = new HashMap<>();
        Map<String, Long> down = new HashMap<>();
        List<Return> working = new ArrayList<>();
        for (TimelineEvent e : events) {
            if (e.monoNanos() < after || !e.source().equals(Sources.PROXY)) {
                continue;
            }
            String conn = e.str("conn");
            if (e.is(TapEvents.ACCEPT)) {
                accepted.put(conn, e.monoNanos());
            } else if (e.is(TapEvents.BYTES) && accepted.containsKey(conn) && !Boolean.TRUE.equals(e.data().get("dropped"))) {
                Map<String, Long> firsts = "upstream".equals(e.str("direction")) ? up : down;
                if (!firsts.containsKey(conn)) {
                    firsts.put(conn, e.monoNanos());
                    if (up.containsKey(conn) && down.containsKey(conn)) {
                        working.add(new Return(accepted.get(conn), Math.max(up.get(conn), down.get(conn))));
                    }
                }
            }
        }
        working.sort(java.util.Comparator.comparingLong(Return::workingNanos));
        return working;
    }

    /**
     * When each client slot of {@code source} set out again once the server was back: its first {@code connecting}
     * log from {@code from} to {@code until}, or {@code from} itself for a slot already on its way back (it logged
     * {@code reconnected} in that span through an attempt begun just before). What a client controls of its return
     * is when it tries; how soon the server answers the attempt is the server's part.
     */
    public static Map<Object, Long> attemptsAfter(List<TimelineEvent> events, String source, long from, long until) {
        Map<Object, Long> attempts = new HashMap<>();
        for (TimelineEvent e : events) {
            if (e.monoNanos() > until) {
                break;
            }
            Object slot = e.data().get("slot");
            if (e.monoNanos() < from || slot == null || !e.source().equals(source) || attempts.containsKey(slot)) {
                continue;
            }
            if (e.is(PeerEvents.CONNECTING)) {
                attempts.put(slot, e.monoNanos());
            } else if (e.is(PeerEvents.RECONNECTED)) {
                attempts.put(slot, from);
            }
        }
        return attempts;
    }

    /** The largest number of instants that fall in any window of {@code windowNanos} (sliding). */
    public static int densestWindow(List<Long> sortedInstants, long windowNanos) {
        int best = 0;
        int start = 0;
        for (int end = 0; end < sortedInstants.size(); end++) {
            while (sortedInstants.get(end) - sortedInstants.get(start) >= windowNanos) {
                start++;
            }
            best = Math.max(best, end - start + 1);
        }
        return best;
    }

    /**
     * When each of the target's client slots meant its last reconnect attempt to start: the instant it scheduled
     * that attempt plus the delay it chose, from the target's own {@code reconnect-scheduled} events. This is the
     * jitter decision itself, untouched by when a busy machine got round to running the timer or accepting the
     * connection. The last {@code reconnected} of a slot up to {@code until} counts: a client whose TCP connect
     * reaches the proxy while the server is still down reports a reconnect that dies at once, and the cell's own
     * clean-up (which stops the server first) sets off reconnects that are no part of the storm. Empty when the
     * target logs no schedule (an implementation that is not ours).
     */
    public static List<Long> intendedReconnects(List<TimelineEvent> events, String source, long after, long until) {
        Map<Object, Long> scheduled = new HashMap<>();
        Map<Object, Long> chosen = new HashMap<>();
        for (TimelineEvent e : events) {
            if (e.monoNanos() > until) {
                break;
            }
            if (e.monoNanos() < after || !e.source().equals(source)) {
                continue;
            }
            Object slot = e.data().get("slot");
            if (e.is(PeerEvents.RECONNECT_SCHEDULED)) {
                long delayMs = ((Number) e.data().get("delay_ms")).longValue();
                scheduled.put(slot, e.monoNanos() + delayMs * 1_000_000);
            } else if (e.is(PeerEvents.RECONNECTED) && scheduled.containsKey(slot)) {
                chosen.put(slot, scheduled.get(slot));
            }
        }
        return chosen.values().stream().sorted().toList();
    }
}
