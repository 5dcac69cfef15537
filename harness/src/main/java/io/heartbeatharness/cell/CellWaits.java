package io.heartbeatharness.cell;

import io.heartbeatharness.verdict.HarnessException;
import io.heartbeatharness.timeline.Timeline;
import io.heartbeatharness.timeline.TimelineEvent;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting on a cell's timeline: for evidence to appear, for a quiet spell to hold, or for plain time to pass. */
final class CellWaits {
    /**
     * How often waits look at the timeline. Only when a wait ends depends on it — every judged instant is the
     * event's own timestamp — so it can be coarse enough to stay cheap on storm timelines of tens of thousands.
     */
    private static final Duration POLL = Duration.ofMillis(20);

    private final Timeline timeline;

    CellWaits(Timeline timeline) {
        this.timeline = timeline;
    }

    /**
     * Polls the timeline until {@code condition} holds or {@code max} passes; returns whether it held. Used for
     * evidence that will be judged afterwards, so a miss is not an exception here.
     */
    boolean waitFor(String alias, Duration max, Predicate<List<TimelineEvent>> condition) {
        return waitFor(alias, max, POLL, condition);
    }

    /**
     * {@link #waitFor(String, Duration, Predicate)} with a poll interval of its own: storm-sized timelines are
     * looked at rarely, so copying them never stalls the proxy that is timestamping the very events being judged.
     */
    boolean waitFor(String alias, Duration max, Duration poll, Predicate<List<TimelineEvent>> condition) {
        return waitFor(alias, max, poll, timeline::events, condition);
    }

    /** {@link #waitFor(String, Duration, Duration, Predicate)} shown only the events of {@code types}. */
    boolean waitFor(String alias, Duration max, Duration poll, Set<String> types,
                    Predicate<List<TimelineEvent>> condition) {
        return waitFor(alias, max, poll, () -> timeline.eventsOfType(types), condition);
    }

    private static boolean waitFor(String alias, Duration max, Duration poll, Supplier<List<TimelineEvent>> events,
                                   Predicate<List<TimelineEvent>> condition) {
        try {
            Awaitility.await(alias).atMost(max).pollDelay(Duration.ZERO).pollInterval(poll)
                    .until(() -> condition.test(events.get()));
            return true;
        } catch (ConditionTimeoutException missed) {
            // Not an error here: the check judges the timeline afterwards and names what was missing.
            return false;
        }
    }

    /**
     * Watches for {@code duration}, returning early (false) when {@code broken} becomes true — for expectations
     * such as "no false disconnect", judged afterwards from the timeline.
     */
    boolean holdsFor(String alias, Duration duration, Predicate<List<TimelineEvent>> broken) {
        try {
            Awaitility.await(alias).during(duration).atMost(duration.plus(POLL.multipliedBy(20)))
                    .pollInterval(POLL).until(() -> !broken.test(timeline.events()));
            return true;
        } catch (ConditionTimeoutException brokenEarly) {
            return false;
        }
    }

    /** Like {@link #waitFor} but a miss is a harness failure: the cell becomes an ERROR naming {@code what}. */
    void require(String what, Duration max, Predicate<List<TimelineEvent>> condition) {
        if (!waitFor(what, max, condition)) {
            throw new HarnessException("no " + what + " within " + max.toMillis() + " ms");
        }
    }

    /** Sleeps for {@code duration} (nothing when it is negative); an interrupt ends the cell as a harness failure. */
    static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted");
        }
    }
}
