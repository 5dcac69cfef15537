package io.heartbeatharness.judge;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reconnect instants taken from a client's own schedule, on hand-made timelines. */
class StormQueriesTests {
    private static final long MS = 1_000_000L;
    private final HandTimeline timeline = new HandTimeline();

    @Test
    void theAttemptThatSucceededCountsAtItsScheduledInstantPlusItsDelay() {
        timeline.at(100, "target", "reconnect-scheduled", "slot", 0, "attempt", 1, "delay_ms", 40);
        timeline.at(140, "target", "connect-failed", "slot", 0);
        timeline.at(150, "target", "reconnect-scheduled", "slot", 0, "attempt", 2, "delay_ms", 300);
        // The timer ran late (a stalled event loop): the schedule, not the late run, is the client's decision.
        timeline.at(700, "target", "reconnected", "slot", 0);
        timeline.at(100, "target", "reconnect-scheduled", "slot", 1, "attempt", 1, "delay_ms", 90);
        timeline.at(705, "target", "reconnected", "slot", 1);

        assertThat(StormQueries.intendedReconnects(timeline.events(), "target", 0, Long.MAX_VALUE)).containsExactly(190 * MS, 450 * MS);
    }

    @Test
    void aReconnectThatDiesAtOnceIsNotTheOneThatCounts() {
        // TCP reaches the proxy while the server is still down: "reconnected", then lost, then the real one.
        timeline.at(100, "target", "reconnect-scheduled", "slot", 0, "attempt", 1, "delay_ms", 20);
        timeline.at(120, "target", "reconnected", "slot", 0);
        timeline.at(121, "target", "reconnect-scheduled", "slot", 0, "attempt", 2, "delay_ms", 250);
        timeline.at(371, "target", "reconnected", "slot", 0);

        assertThat(StormQueries.intendedReconnects(timeline.events(), "target", 0, Long.MAX_VALUE)).containsExactly(371 * MS);
    }

    @Test
    void eachClientTriesAgainAtItsFirstAttemptOnceTheServerIsBack() {
        timeline.at(100, "target", "connecting", "slot", 0);
        // Slot 0's attempt reaches the new server, which is too slow to answer: the client gives up and tries again.
        timeline.at(1_050, "target", "connecting", "slot", 0);
        timeline.at(1_600, "target", "peer-dead", "slot", 0);
        timeline.at(2_200, "target", "connecting", "slot", 0);
        // Slot 1 set out just before the server listened, and that attempt brought it back.
        timeline.at(980, "target", "connecting", "slot", 1);
        timeline.at(1_010, "target", "reconnected", "slot", 1);
        // Slot 2 tries only after the storm was over.
        timeline.at(5_000, "target", "connecting", "slot", 2);

        assertThat(StormQueries.attemptsAfter(timeline.events(), "target", 1_000 * MS, 4_000 * MS))
                .containsOnly(java.util.Map.entry(0, 1_050 * MS), java.util.Map.entry(1, 1_000 * MS));
    }

    @Test
    void reconnectsAfterTheStormEndedAreNotPartOfIt() {
        timeline.at(100, "target", "reconnect-scheduled", "slot", 0, "attempt", 1, "delay_ms", 200);
        timeline.at(300, "target", "reconnected", "slot", 0);
        // The cell stops the server at its end: the client reconnects once more, long after the storm.
        timeline.at(900, "target", "reconnect-scheduled", "slot", 0, "attempt", 1, "delay_ms", 5);
        timeline.at(905, "target", "reconnected", "slot", 0);
        assertThat(StormQueries.intendedReconnects(timeline.events(), "target", 0, 400 * MS)).containsExactly(300 * MS);
    }

    @Test
    void nothingWhenTheTargetLogsNoSchedule() {
        timeline.at(100, "tap", "accept", "conn", "c1");
        timeline.at(700, "peer", "reconnected", "slot", 0);
        assertThat(StormQueries.intendedReconnects(timeline.events(), "target", 0, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void schedulesBeforeTheFaultAreIgnored() {
        timeline.at(50, "target", "reconnect-scheduled", "slot", 0, "attempt", 1, "delay_ms", 10);
        timeline.at(120, "target", "reconnect-scheduled", "slot", 0, "attempt", 1, "delay_ms", 30);
        timeline.at(160, "target", "reconnected", "slot", 0);
        assertThat(StormQueries.intendedReconnects(timeline.events(), "target", 100 * MS, Long.MAX_VALUE)).containsExactly(150 * MS);
    }

}
