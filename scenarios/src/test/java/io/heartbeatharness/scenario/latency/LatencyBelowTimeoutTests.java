package io.heartbeatharness.scenario.latency;

import io.heartbeatharness.scenario.latency.LatencyBelowTimeout;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.judge.Evidence;
import io.heartbeatharness.judge.HandTimeline;
import io.heartbeatharness.judge.Judgement;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that pings every I but waits for each pong before its next interval runs every I + round trip: under
 * latency it completes fewer exchanges than one per I, and is still correct.
 */
class LatencyBelowTimeoutTests {
    private static final HeartbeatParams PARAMS = ReferenceTargets.params(Design.WS_CONTROL).scaled(RunDefaults.CI_SCALE);
    private static final Target SERVER = Target.reference(Design.WS_CONTROL, Side.SERVER, PARAMS, Set.of());
    private final HandTimeline timeline = new HandTimeline();

    /** A hold of 10 I with one exchange every {@code periodMs}, starting one period in. */
    private Judgement judgeWithExchangesEvery(long periodMs) {
        long interval = PARAMS.interval().toMillis();
        timeline.at(1, "proxy", "accept", "conn", "c1");
        timeline.at(2, "proxy", "connect", "conn", "c1");
        timeline.at(100, Sources.HARNESS, HarnessEvents.FAULT_START, "fault", "latency");
        long end = 100 + 10 * interval;
        for (long t = 100 + periodMs; t < end; t += periodMs) {
            timeline.at(t, "peer", "pong-sent");
        }
        timeline.at(end, Sources.HARNESS, HarnessEvents.FAULT_END, "fault", "latency");
        Scenario scenario = new LatencyBelowTimeout();
        return scenario.judge(timeline.evidence(scenario, SERVER, PARAMS, Tolerance.DEFAULT));
    }

    @Test
    void aServerWhosePeriodIsTheIntervalPlusTheRoundTripPasses() {
        // Round trip 80 % of T added to every period: 7 exchanges in 10 I where one per I would make 9.
        long period = PARAMS.interval().plus(PARAMS.timeout().multipliedBy(4).dividedBy(5)).toMillis();
        Judgement judgement = judgeWithExchangesEvery(period);
        assertThat(judgement.verdict()).as(judgement.message()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aConnectionOpenButBarelyUsedFails() {
        Judgement judgement = judgeWithExchangesEvery(PARAMS.interval().multipliedBy(3).toMillis());
        assertThat(judgement.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.message()).contains("heartbeat exchanges").contains("one per I + T");
    }
}
