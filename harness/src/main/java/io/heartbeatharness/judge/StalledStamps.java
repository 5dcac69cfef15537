package io.heartbeatharness.judge;

import io.heartbeatharness.budget.Budget;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TapEvents;
import io.heartbeatharness.timeline.TimelineEvent;

import java.util.List;
import java.util.Optional;
import java.time.Duration;

/**
 * Tap stamps taken as the proxy's event loop resumed after a {@link TapEvents#STALL}: the socket event happened at
 * some instant between the loop's last run and the stamp, and only the stamp's upper bound is known.
 *
 * <p>The process that closed may say when: its event log is stamped on the same monotonic clock the moment it
 * closes. Its word is taken only inside that gap — where the tap could not have seen the close — and only for the
 * end of this very connection (its port as the proxy saw it). Outside a stall the tap stays the sole evidence, so
 * a target that logs a close it makes late is still judged by its real close.
 */
public final class StalledStamps {
    private StalledStamps() {
    }

    /** A stall the proxy's loop resumed from: it did not run from {@code fromNanos} until {@code resumedNanos}. */
    public record Stall(long fromNanos, long resumedNanos, long periodNanos) {
        public long millis() {
            return Math.round((resumedNanos - fromNanos) / 1e6);
        }
    }

    /**
     * The stall that {@code stamp} (a tap event) may have been delayed by: the loop had stopped before the stamp
     * and resumed at it or after. Stamps are taken on the loop before its timer task notices the stall, so the
     * stall event comes at or just after the stamp it explains.
     */
    public static Optional<Stall> behind(List<TimelineEvent> events, TimelineEvent stamp) {
        if (!stamp.source().equals(Sources.PROXY)) {
            return Optional.empty();
        }
        long at = stamp.monoNanos();
        return stalls(events)
                .filter(s -> s.fromNanos() < at && at <= s.resumedNanos() + s.periodNanos())
                .findFirst();
    }

    /** The longest stall that overlapped {@code [fromNanos, toNanos]}. */
    public static Optional<Stall> longestWithin(List<TimelineEvent> events, long fromNanos, long toNanos) {
        return stalls(events).filter(s -> s.resumedNanos() >= fromNanos && s.fromNanos() <= toNanos)
                .max(java.util.Comparator.comparingLong(s -> s.resumedNanos() - s.fromNanos()));
    }

    /** Every stall on the tap, oldest first, back-to-back ones as one (see {@link #stalls}). */
    public static List<Stall> all(List<TimelineEvent> events) {
        return stalls(events).toList();
    }

    /**
     * The stalls on the tap, oldest first, each run of back-to-back ones as one: a stall that began the instant the
     * previous one was noticed means the loop came back to a backlog (a long pause leaves every socket with
     * something to handle) and was late again before it had caught up, so stamps taken in the second one were
     * held up since the first began.
     */
    private static java.util.stream.Stream<Stall> stalls(List<TimelineEvent> events) {
        List<Stall> recorded = events.stream()
                .filter(e -> e.source().equals(Sources.PROXY) && e.is(TapEvents.STALL))
                .map(e -> new Stall(((Number) e.data().get("from_ns")).longValue(), e.monoNanos(),
                        ((Number) e.data().get("period_ms")).longValue() * 1_000_000))
                .sorted(java.util.Comparator.comparingLong(Stall::fromNanos))
                .toList();
        java.util.ArrayList<Stall> runs = new java.util.ArrayList<>();
        for (Stall stall : recorded) {
            Stall last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && stall.fromNanos() <= last.resumedNanos()) {
                runs.set(runs.size() - 1, new Stall(last.fromNanos(), Math.max(last.resumedNanos(),
                        stall.resumedNanos()), Math.max(last.periodNanos(), stall.periodNanos())));
            } else {
                runs.add(stall);
            }
        }
        return runs.stream();
    }

    /**
     * A close as the judges read it: when it happened ({@code closedAt}), the stall its stamp came out of (or
     * {@code null}), whether that instant is the process's own log, and whether, with no log, the stall spans the
     * budget's edge so that nothing can tell a pass from a fail ({@code earliest} is then the first instant it may
     * have happened).
     */
    public record Reading(long closedAt, Stall stall, boolean fromLog, boolean undecided, long earliest) {
    }

    /**
     * Reads the tap's close {@code stamp} of connection {@code conn}, sent by the process on {@code side}, against
     * {@code budget} counted from {@code from}. The process is {@code source} (an event source), or, when that is
     * {@code null}, the one the cell's {@code fault-path} event names for that side.
     *
     * <p>Stamped as the loop resumed from a stall, the close happened inside that stall (one watch period of slack
     * before it, since the loop may have been about to stop when it last proved it ran). The process's logged
     * close of that very end, by itself, inside that span says when. Without one, the close is known only to lie
     * between the span's start and the stamp.
     */
    public static Reading read(List<TimelineEvent> events, TimelineEvent stamp, String conn, Side side, String source,
                               long from, Budget budget) {
        Optional<Stall> behind = behind(events, stamp);
        if (behind.isEmpty()) {
            return new Reading(stamp.monoNanos(), null, false, false, stamp.monoNanos());
        }
        Stall stall = behind.get();
        long earliest = Math.max(from, stall.fromNanos() - stall.periodNanos());
        String process = source != null ? source : TapQueries.mark(events, HarnessEvents.FAULT_PATH)
                .map(path -> path.str(side == Side.SERVER ? "server" : "client")).orElse(null);
        Optional<TimelineEvent> logged = loggedClose(events, conn, side, earliest, stall.resumedNanos(), process);
        if (logged.isPresent()) {
            return new Reading(Math.max(from, logged.get().monoNanos()), stall, true, false, earliest);
        }
        boolean undecided = budget.admits(Duration.ofNanos(earliest - from))
                != budget.admits(Duration.ofNanos(stamp.monoNanos() - from));
        return new Reading(stamp.monoNanos(), stall, false, undecided, earliest);
    }

    private static Optional<TimelineEvent> loggedClose(List<TimelineEvent> events, String conn, Side side, long from,
                                                       long to, String source) {
        Optional<String> port = portSeenByProxy(events, conn, side);
        if (port.isEmpty() || source == null) {
            return Optional.empty();
        }
        String portField = side == Side.SERVER ? "remote_port" : "local_port";
        return events.stream()
                .filter(e -> e.monoNanos() >= from && e.monoNanos() <= to
                        && e.source().equals(source) && e.is(PeerEvents.CLOSED)
                        && ProcessLogQueries.SELF_CLOSES.contains(e.str("by")) && port.get().equals(e.str(portField)))
                .findFirst();
    }

    /**
     * The port the process on {@code side} knows its end of {@code conn} by: the client's own port the proxy
     * accepted from, or the proxy's own port it reached the server from.
     */
    private static Optional<String> portSeenByProxy(List<TimelineEvent> events, String conn, Side side) {
        String type = side == Side.CLIENT ? TapEvents.ACCEPT : TapEvents.CONNECT;
        String field = side == Side.CLIENT ? "client_port" : "local_port";
        return events.stream()
                .filter(e -> e.source().equals(Sources.PROXY) && e.is(type) && conn.equals(e.str("conn")))
                .map(e -> e.str(field)).filter(java.util.Objects::nonNull).findFirst();
    }
}
