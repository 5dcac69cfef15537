package io.heartbeatharness.scenario.tcpkeepalive;

import io.heartbeatharness.scenario.tcpkeepalive.TcpKeepaliveBlackhole;
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

/** tcp-keepalive/blackhole behind the embedded proxy, judged on hand-made timelines: no processes, no proxy. */
class TcpKeepaliveBlackholeTests {
    private static final HeartbeatParams PARAMS = ReferenceTargets.params(Design.TCP_KEEPALIVE).scaled(RunDefaults.CI_SCALE);
    private static final long WATCHED_MS = 10_350;
    private final HandTimeline timeline = new HandTimeline();

    private Judgement judge() {
        Target target = Target.reference(Design.TCP_KEEPALIVE, Side.SERVER, ReferenceTargets.params(Design.TCP_KEEPALIVE),
                Set.of());
        Scenario scenario = new TcpKeepaliveBlackhole();
        return scenario.judge(timeline.evidence(scenario, target, PARAMS, Tolerance.DEFAULT));
    }

    private void watchedBehindTheProxy() {
        timeline.at(0, Sources.HARNESS, HarnessEvents.FAULT_START, "fault", "blackhole", "direction", "both");
        timeline.at(WATCHED_MS, Sources.HARNESS, HarnessEvents.FAULT_END, "fault", "blackhole", "watched_ms", WATCHED_MS);
    }

    @Test
    void aCloseWhileTheCellStopsItsProcessesLeavesItUnsupported() {
        watchedBehindTheProxy();
        // The peer killed first at the cell's end: the target logs the close it then sees (a run at b97eb0a).
        timeline.at(WATCHED_MS + 91, "target", "closed", "by", "peer", "remote_port", 49422);

        Judgement judgement = judge();

        assertThat(judgement.verdict()).isEqualTo(Verdict.UNSUPPORTED);
        assertThat(judgement.message()).contains("went unnoticed for the " + WATCHED_MS + " ms watched");
    }

    @Test
    void aCloseInsideTheWatchedWindowIsStillAnError() {
        watchedBehindTheProxy();
        timeline.at(6_200, "target", "closed", "by", "kernel", "remote_port", 49422);

        Judgement judgement = judge();

        assertThat(judgement.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(judgement.message()).contains("closed after 6200 ms").contains("the path is not what it claims to be");
    }
}
