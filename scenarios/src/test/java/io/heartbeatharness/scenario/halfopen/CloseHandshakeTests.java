package io.heartbeatharness.scenario.halfopen;

import io.heartbeatharness.scenario.halfopen.HalfOpen;
import io.heartbeatharness.budget.Budgets;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.judge.Evidence;
import io.heartbeatharness.judge.HandTimeline;
import io.heartbeatharness.judge.Judgement;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that starts the WebSocket close handshake when its peer goes silent has noticed it then, though its socket
 * closes only seconds later (tornado waits 5 s for the answering Close): the Close frame it sent is its detection.
 */
class CloseHandshakeTests {
    private static final HeartbeatParams PARAMS = ReferenceTargets.params(Design.WS_JSON);
    private static final Target SERVER = Target.reference(Design.WS_JSON, Side.SERVER, PARAMS, Set.of());
    private final HandTimeline timeline = new HandTimeline();

    private long budgetMs() {
        return Budgets.detection(PARAMS, Tolerance.DEFAULT).millis();
    }

    private Judgement judge() {
        Scenario scenario = HalfOpen.both();
        return scenario.judge(timeline.evidence(scenario, SERVER, PARAMS, Tolerance.DEFAULT));
    }

    private void faultThenCloseFrame(int code) {
        timeline.at(1, "proxy", "accept", "conn", "c1");
        timeline.at(2, "proxy", "connect", "conn", "c1");
        timeline.at(100, Sources.HARNESS, HarnessEvents.FAULT_START);
        timeline.at(100 + budgetMs() - 10, "proxy", "ws-frame", "conn", "c1", "side", "server", "direction", "downstream",
                "frame", "close", "code", code, "dropped", true);
        timeline.at(100 + budgetMs() + 5000, "proxy", "fin", "conn", "c1", "side", "server");
    }

    @Test
    void aCloseFrameSentWithinBudgetIsTheDetectionEvenWhenTheSocketClosesLater() {
        faultThenCloseFrame(4000);
        Judgement judgement = judge();
        assertThat(judgement.verdict()).as(judgement.message()).isEqualTo(Verdict.PASS);
        assertThat(judgement.detectionMs()).isEqualTo(budgetMs() - 10);
    }

    @Test
    void aCloseFrameWithAnotherCodeThanDeclaredFails() {
        faultThenCloseFrame(1001);
        Judgement judgement = judge();
        assertThat(judgement.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.message()).isEqualTo("expected close code 4000 (heartbeat timeout), observed 1001");
    }

    @Test
    void theClientsCloseFrameIsNotTheServers() {
        timeline.at(1, "proxy", "accept", "conn", "c1");
        timeline.at(2, "proxy", "connect", "conn", "c1");
        timeline.at(100, Sources.HARNESS, HarnessEvents.FAULT_START);
        timeline.at(200, "proxy", "ws-frame", "conn", "c1", "side", "client", "direction", "upstream",
                "frame", "close", "code", 1000, "dropped", true);
        assertThat(judge().verdict()).isEqualTo(Verdict.FAIL);
    }
}
