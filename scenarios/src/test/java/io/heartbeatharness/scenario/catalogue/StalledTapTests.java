package io.heartbeatharness.scenario.catalogue;

import io.heartbeatharness.scenario.halfopen.HalfOpen;
import io.heartbeatharness.scenario.latency.LatencyBelowTimeout;
import io.heartbeatharness.judge.HandTimeline;
import io.heartbeatharness.budget.Budgets;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.judge.Evidence;
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
 * A close the tap stamped as the proxy's event loop came back from a stall, judged on hand-made timelines: the
 * closing process's own log is believed inside the stall only, and a stall across the budget's edge with no log is
 * an ERROR, never a FAIL charged to the target.
 */
class StalledTapTests {
    private static final HeartbeatParams PARAMS = ReferenceTargets.params(Design.IDLE);
    private static final Target CLIENT = Target.reference(Design.IDLE, Side.CLIENT, PARAMS, Set.of());
    private static final long MS = 1_000_000L;
    private static final long FAULT = 1_000;
    private final HandTimeline timeline = new HandTimeline();

    private long budget() {
        return Budgets.detection(PARAMS, Tolerance.DEFAULT).millis();
    }

    /** The client (target) on local port 40000, behind a tapped proxy, and a half-open fault at {@link #FAULT}. */
    private void clientConnectedThenFault() {
        timeline.at(1, Sources.HARNESS, HarnessEvents.FAULT_PATH, "backend", "embedded", "evidence", "proxy tap", "server", "peer",
                "client", "target", "handshake", "false");
        timeline.at(5, "proxy", "accept", "conn", "c1", "client_port", 40000);
        timeline.at(6, "proxy", "connect", "conn", "c1", "local_port", 50000);
        timeline.at(FAULT, Sources.HARNESS, HarnessEvents.FAULT_START);
    }

    private void stall(long fromMs, long resumedMs) {
        timeline.at(resumedMs, "proxy", "stall", "from_ns", fromMs * MS, "stalled_ms", resumedMs - fromMs, "period_ms", 10L);
    }

    private Judgement judge() {
        Scenario scenario = HalfOpen.downstream();
        return scenario.judge(timeline.evidence(scenario, CLIENT, PARAMS, Tolerance.DEFAULT));
    }

    @Test
    void theClientsOwnLogInsideTheStallTellsWhenItClosed() {
        clientConnectedThenFault();
        long closed = FAULT + budget() - 90;
        timeline.at(closed, "target", "closed", "slot", 0, "local_port", 40000, "by", "self");
        stall(closed - 20, FAULT + budget() + 54);
        timeline.at(FAULT + budget() + 54, "proxy", "fin", "conn", "c1", "side", "client");
        timeline.at(FAULT + budget() + 900, Sources.HARNESS, HarnessEvents.FAULT_END);

        Judgement judgement = judge();

        assertThat(judgement.detectionMs()).isEqualTo(budget() - 90);
        assertThat(judgement.message()).contains("observed " + (budget() - 90) + " ms (from its own log: the harness's "
                + "proxy did not run for 164 ms and stamped the close at " + (budget() + 54) + " ms)");
    }

    @Test
    void withoutAStallTheTapAloneJudgesWhateverTheLogSays() {
        clientConnectedThenFault();
        timeline.at(FAULT + budget() - 90, "target", "closed", "slot", 0, "local_port", 40000, "by", "self");
        timeline.at(FAULT + budget() + 54, "proxy", "fin", "conn", "c1", "side", "client");

        Judgement judgement = judge();

        assertThat(judgement.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.message()).endsWith("observed " + (budget() + 54) + " ms");
    }

    @Test
    void aLogOfAnotherConnectionOrBeforeTheStallIsNotBelieved() {
        clientConnectedThenFault();
        timeline.at(FAULT + budget() - 90, "target", "closed", "slot", 0, "local_port", 40001, "by", "self");
        timeline.at(FAULT + budget() - 300, "target", "closed", "slot", 0, "local_port", 40000, "by", "self");
        stall(FAULT + budget() + 20, FAULT + budget() + 154);
        timeline.at(FAULT + budget() + 154, "proxy", "fin", "conn", "c1", "side", "client");

        Judgement judgement = judge();

        assertThat(judgement.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.message()).endsWith("observed " + (budget() + 154) + " ms");
    }

    @Test
    void aStallAcrossTheBudgetsEdgeWithNoLogIsAnError() {
        clientConnectedThenFault();
        stall(FAULT + budget() - 100, FAULT + budget() + 34);
        timeline.at(FAULT + budget() + 34, "proxy", "fin", "conn", "c1", "side", "client");

        Judgement judgement = judge();

        assertThat(judgement.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(judgement.message()).contains("but cannot tell: it closed between " + (budget() - 110) + " and "
                + (budget() + 34) + " ms, as the harness's proxy did not run for 134 ms");
    }

    @Test
    void aStallWhollyPastTheBudgetLeavesTheFail() {
        clientConnectedThenFault();
        stall(FAULT + budget() + 200, FAULT + budget() + 334);
        timeline.at(FAULT + budget() + 334, "proxy", "fin", "conn", "c1", "side", "client");

        assertThat(judge().verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aServersLogIsMatchedByThePortTheProxyReachedItFrom() {
        Target server = Target.reference(Design.IDLE, Side.SERVER, PARAMS, Set.of());
        timeline.at(1, Sources.HARNESS, HarnessEvents.FAULT_PATH, "backend", "embedded", "evidence", "proxy tap", "server", "target",
                "client", "peer", "handshake", "false");
        timeline.at(5, "proxy", "accept", "conn", "c1", "client_port", 40000);
        timeline.at(6, "proxy", "connect", "conn", "c1", "local_port", 50000);
        timeline.at(FAULT, Sources.HARNESS, HarnessEvents.FAULT_START);
        timeline.at(FAULT + budget() - 40, "target", "closed", "remote_port", 50000, "by", "self");
        stall(FAULT + budget() - 45, FAULT + budget() + 100);
        timeline.at(FAULT + budget() + 100, "proxy", "fin", "conn", "c1", "side", "server");

        Scenario scenario = HalfOpen.upstream();
        Judgement judgement = scenario.judge(timeline.evidence(scenario, server, PARAMS, Tolerance.DEFAULT));

        assertThat(judgement.verdict()).isEqualTo(Verdict.PASS);
        assertThat(judgement.detectionMs()).isEqualTo(budget() - 40);
    }

    private Judgement judgeLatency() {
        Scenario scenario = new LatencyBelowTimeout();
        return scenario.judge(timeline.evidence(scenario, CLIENT, PARAMS, Tolerance.DEFAULT));
    }

    private long roundTrip() {
        return Budgets.tolerableRoundTrip(PARAMS, Tolerance.DEFAULT).toMillis();
    }

    @Test
    void aFalseDisconnectAfterAStallThatOutgrewTheDeclaredLatencyIsAnError() {
        clientConnectedThenFault();
        long timeout = PARAMS.timeout().toMillis();
        long stalled = timeout - roundTrip() + 1;
        stall(FAULT + 3_000, FAULT + 3_000 + stalled);
        timeline.at(FAULT + 3_000 + timeout, "proxy", "fin", "conn", "c1", "side", "client");

        Judgement judgement = judgeLatency();

        assertThat(judgement.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(judgement.message()).contains("the harness's proxy did not run for " + stalled + " ms");
    }

    @Test
    void aFalseDisconnectAfterAStallTheDeclaredLatencyLeftRoomForIsAFail() {
        clientConnectedThenFault();
        long timeout = PARAMS.timeout().toMillis();
        stall(FAULT + 3_000, FAULT + 3_000 + timeout - roundTrip() - 1);
        timeline.at(FAULT + 3_000 + timeout, "proxy", "fin", "conn", "c1", "side", "client");

        assertThat(judgeLatency().verdict()).isEqualTo(Verdict.FAIL);
    }
}
