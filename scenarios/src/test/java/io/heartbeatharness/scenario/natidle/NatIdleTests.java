package io.heartbeatharness.scenario.natidle;

import io.heartbeatharness.scenario.natidle.NatIdle;
import io.heartbeatharness.judge.HandTimeline;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.judge.Evidence;
import io.heartbeatharness.judge.Judgement;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The nat-idle checks judged on hand-made process-log timelines: no processes, no NAT. */
class NatIdleTests {
    /** ws-json at the CI scale: I 3000 ms, T 500 ms. */
    private static final HeartbeatParams PARAMS = ReferenceTargets.params(Design.WS_JSON).scaled(RunDefaults.CI_SCALE);
    private static final long MS = 1_000_000L;
    private static final Duration KERNEL_STEP = Duration.ofSeconds(1);
    private final HandTimeline timeline = new HandTimeline();

    private Judgement judge(NatIdle scenario, Side role) {
        Target target = Target.reference(Design.WS_JSON, role, ReferenceTargets.params(Design.WS_JSON), Set.of());
        return scenario.judge(timeline.evidence(scenario, target, PARAMS, Tolerance.DEFAULT));
    }

    @Test
    void theIdleTimeoutStaysAboveTheIntervalForKeepsAliveAndBelowItForExpired() {
        assertThat(NatIdle.keepsAlive().idleTimeout(PARAMS, Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(3500));
        assertThat(NatIdle.keepsAlive().idleTimeout(PARAMS, KERNEL_STEP)).isEqualTo(Duration.ofSeconds(4));
        assertThat(NatIdle.expired().idleTimeout(PARAMS, Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(1500));
        assertThat(NatIdle.expired().idleTimeout(PARAMS, KERNEL_STEP)).isEqualTo(Duration.ofSeconds(1));
        HeartbeatParams idle = ReferenceTargets.params(Design.IDLE).scaled(RunDefaults.CI_SCALE);
        assertThat(NatIdle.expired().idleTimeout(idle, KERNEL_STEP)).as("no whole second below 1000 ms").isZero();
    }

    @Test
    void keepsAlivePassesWithHeartbeatsToTheEndAndNoDisconnect() {
        timeline.at(0, Sources.HARNESS, HarnessEvents.FAULT_START, "nat_idle_ms", 3500);
        timeline.budget(0, NatIdle.SURVIVE, NatIdle.surviveWindow(Duration.ofMillis(3500)));
        for (long t = 100; t <= 12_100; t += 3000) {
            timeline.at(t, "target", "pong-received");
        }
        timeline.at(10_700, Sources.HARNESS, HarnessEvents.FAULT_END);
        assertThat(judge(NatIdle.keepsAlive(), Side.SERVER).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void keepsAliveFailsOnADisconnectWithinThreeTimeouts() {
        timeline.at(0, Sources.HARNESS, HarnessEvents.FAULT_START, "nat_idle_ms", 3500);
        timeline.budget(0, NatIdle.SURVIVE, NatIdle.surviveWindow(Duration.ofMillis(3500)));
        timeline.at(100, "target", "pong-received");
        timeline.at(6_700, "target", "peer-dead", "reason", "no pong within timeout");
        Judgement judgement = judge(NatIdle.keepsAlive(), Side.SERVER);
        assertThat(judgement.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.message()).contains("observed peer-dead by the target after 6600 ms");
    }

    @Test
    void expiredMeasuresDetectionFromTheLastExchangeThatGotThrough() {
        timeline.at(0, "target", "pong-received");
        timeline.at(50, Sources.HARNESS, HarnessEvents.FAULT_START, "nat_idle_ms", 1000);
        timeline.at(3_000, "target", "pong-received");
        timeline.at(6_500, "target", "peer-dead");
        timeline.at(6_501, "target", "closed", "by", "self");
        timeline.at(9_000, "target", "connected");
        Judgement judgement = judge(NatIdle.expired(), Side.SERVER);
        assertThat(judgement.verdict()).as(judgement.message()).isEqualTo(Verdict.PASS);
        assertThat(judgement.detectionMs()).isEqualTo(3501);
    }

    @Test
    void aServerThatNoticesButNeverClosesFailsExpired() {
        timeline.at(0, "target", "pong-received");
        timeline.at(50, Sources.HARNESS, HarnessEvents.FAULT_START, "nat_idle_ms", 1000);
        timeline.at(3_500, "target", "peer-dead");
        Judgement judgement = judge(NatIdle.expired(), Side.SERVER);
        assertThat(judgement.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.message()).contains("the server to close the dead connection", "observed none");
    }

    @Test
    void aClientMustReconnectThroughTheNatWithinItsBackoff() {
        timeline.at(0, "peer", "pong-received");
        timeline.at(50, Sources.HARNESS, HarnessEvents.FAULT_START, "nat_idle_ms", 1000);
        timeline.at(3_500, "target", "peer-dead");
        Judgement judgement = judge(NatIdle.expired(), Side.CLIENT);
        assertThat(judgement.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.message()).contains("expected a reconnect through the NAT", "observed none");
        timeline.at(4_000, "target", "reconnected");
        assertThat(judge(NatIdle.expired(), Side.CLIENT).verdict()).isEqualTo(Verdict.PASS);
    }
}
