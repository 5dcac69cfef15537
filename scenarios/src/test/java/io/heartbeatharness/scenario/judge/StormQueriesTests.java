package io.heartbeatharness.scenario.judge;

import io.heartbeatharness.timeline.TimelineEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reconnect instants taken from a client's own schedule, on hand-made timelines. */
class StormQueriesTests {
    private static final long MS = 1_000_000L;
    private final List<TimelineEvent> events = new ArrayList<>();

    private void at(long ms, String source, String type, Object... kv) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            data.put(kv[i].toString(), kv[i + 1]);
        }
        events.add(new TimelineEvent(ms * MS, 0, source, type, data));
    }

    @Test
    void theAttemptThatSucceededCountsAtItsScheduledInstantPlusItsDelay() {
        at(100, "target", "reconnect-scheduled", "slot", 0, "attempt", 1, "delay_ms", 40);
        at(140, "target", "connect-failed", "slot", 0);
        at(150, "target", "reconnect-scheduled", "slot", 0, "attempt", 2, "delay_ms", 300);
        // The timer ran late (a stalled event loop): the schedule, not the late run, is the client's decision.
        at(700, "target", "reconnected", "slot", 0);
        at(100, "target", "reconnect-scheduled", "slot", 1, "attempt", 1, "delay_ms", 90);
        at(705, "target", "reconnected", "slot", 1);

        assertThat(StormQueries.intendedReconnects(sorted(), "target", 0, Long.MAX_VALUE)).containsExactly(190 * MS, 450 * MS);
    }

    @Test
    void aReconnectThatDiesAtOnceIsNotTheOneThatCounts() {
        // TCP reaches the proxy while the server is still down: "reconnected", then lost, then the real one.
        at(100, "target", "reconnect-scheduled", "slot", 0, "attempt", 1, "delay_ms", 20);
        at(120, "target", "reconnected", "slot", 0);
        at(121, "target", "reconnect-scheduled", "slot", 0, "attempt", 2, "delay_ms", 250);
        at(371, "target", "reconnected", "slot", 0);

        assertThat(StormQueries.intendedReconnects(sorted(), "target", 0, Long.MAX_VALUE)).containsExactly(371 * MS);
    }

    @Test
    void reconnectsAfterTheStormEndedAreNotPartOfIt() {
        at(100, "target", "reconnect-scheduled", "slot", 0, "attempt", 1, "delay_ms", 200);
        at(300, "target", "reconnected", "slot", 0);
        // The cell stops the server at its end: the client reconnects once more, long after the storm.
        at(900, "target", "reconnect-scheduled", "slot", 0, "attempt", 1, "delay_ms", 5);
        at(905, "target", "reconnected", "slot", 0);
        assertThat(StormQueries.intendedReconnects(sorted(), "target", 0, 400 * MS)).containsExactly(300 * MS);
    }

    @Test
    void nothingWhenTheTargetLogsNoSchedule() {
        at(100, "tap", "accept", "conn", "c1");
        at(700, "peer", "reconnected", "slot", 0);
        assertThat(StormQueries.intendedReconnects(sorted(), "target", 0, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void schedulesBeforeTheFaultAreIgnored() {
        at(50, "target", "reconnect-scheduled", "slot", 0, "attempt", 1, "delay_ms", 10);
        at(120, "target", "reconnect-scheduled", "slot", 0, "attempt", 1, "delay_ms", 30);
        at(160, "target", "reconnected", "slot", 0);
        assertThat(StormQueries.intendedReconnects(sorted(), "target", 100 * MS, Long.MAX_VALUE)).containsExactly(150 * MS);
    }

    private List<TimelineEvent> sorted() {
        return events.stream().sorted(java.util.Comparator.comparingLong(TimelineEvent::monoNanos)).toList();
    }
}
