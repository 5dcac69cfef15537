package io.heartbeatharness.run;

import io.heartbeatharness.budget.PlannedBudgets;
import io.heartbeatharness.cell.CellContext;
import io.heartbeatharness.scenario.Requirement;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.scenario.ScenarioCase;
import io.heartbeatharness.judge.Evidence;
import io.heartbeatharness.judge.HandTimeline;
import io.heartbeatharness.judge.Judgement;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.budget.Budget;
import io.heartbeatharness.budget.Budgets;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.scenario.proxyidle.ProxyIdle;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.time.HarnessStalls;
import io.heartbeatharness.time.TimeScale;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the harness did to end a cell is never judged as the target's behaviour. */
class CellRunnerTests {
    private static final HeartbeatParams PARAMS = ReferenceTargets.params(Design.WS_JSON).scaled(RunDefaults.CI_SCALE);
    private static final Target CLIENT = Target.reference(Design.WS_JSON, Side.CLIENT, PARAMS, Set.of());

    @Test
    void anMqttIntervalThatScalesToAFractionOfASecondIsUnsupportedNotRoundedUp() {
        HeartbeatParams declared = ReferenceTargets.params(Design.MQTT).withInterval(java.time.Duration.ofSeconds(25));
        Target broker = Target.reference(Design.MQTT, Side.SERVER, declared, Set.of());

        var result = new CellRunner(RunDefaults.CI_SCALE, Tolerance.DEFAULT).run(io.heartbeatharness.scenario.halfopen.HalfOpen.both(), broker);

        assertThat(result.verdict()).isEqualTo(Verdict.UNSUPPORTED);
        assertThat(result.message()).contains("MQTT Keep Alive is whole seconds").contains("2500 ms");
    }

    @Test
    void eventsFromTheTeardownOnAreLeftOut() {
        HandTimeline timeline = new HandTimeline();
        timeline.at(1, "proxy", "accept", "conn", "c1");
        timeline.at(50, Sources.HARNESS, HarnessEvents.TEARDOWN);
        timeline.at(60, "proxy", "fin", "conn", "c1", "side", "client");

        assertThat(CellRunner.beforeTeardown(timeline.events())).extracting(e -> e.type()).containsExactly("accept");
    }

    @Test
    void aTunnelNeverCutIsNotReadAsCutByTheClientWhenTheHarnessKillsIt() {
        HandTimeline timeline = new HandTimeline();
        timeline.at(1, "proxy", "accept", "conn", "c1");
        timeline.at(2, "proxy", "connect", "conn", "c1");
        timeline.at(3, Sources.HARNESS, HarnessEvents.NGINX_READY, "read_timeout_ms", 9000);
        timeline.at(10, Sources.HARNESS, HarnessEvents.FAULT_START, "fault", "proxy-idle");
        timeline.at(12_000, Sources.HARNESS, HarnessEvents.FAULT_END, "fault", "proxy-idle");
        timeline.at(12_001, Sources.HARNESS, HarnessEvents.TEARDOWN);
        // The target killed by the harness: its socket closes after the teardown mark.
        timeline.at(15_102, "proxy", "fin", "conn", "c1", "side", "client");

        Judgement judgement = ProxyIdle.cut().judge(new Evidence(CLIENT, PARAMS, Tolerance.DEFAULT,
                CellRunner.beforeTeardown(timeline.events())));

        assertThat(judgement.verdict()).as(judgement.message()).isEqualTo(Verdict.ERROR);
        assertThat(judgement.message()).contains("never cut");
    }

    /** A scenario that states a detection budget, waits for nothing, and judges by the budget named {@code judgedBy}. */
    private static Scenario statingDetection(String judgedBy) {
        return new Scenario() {
            @Override
            public ScenarioCase scenarioCase() {
                return new ScenarioCase("test/plan", "Nothing happens.", "The recorded budget is judged.",
                        Requirement.MUST);
            }

            @Override
            public boolean appliesTo(Target target) {
                return true;
            }

            @Override
            public PlannedBudgets budgets(Side role, HeartbeatParams scaled, TimeScale scale, Tolerance tolerance) {
                return PlannedBudgets.of(PlannedBudgets.DETECTION, Budgets.detection(scaled, tolerance));
            }

            @Override
            public void drive(CellContext cell) {
                cell.budget(PlannedBudgets.DETECTION);
            }

            @Override
            public Judgement judge(Evidence evidence) {
                Budget budget = evidence.budget(judgedBy);
                return new Judgement(Verdict.PASS, budget.formula(), budget, null, null, null);
            }
        };
    }

    @Test
    void thePlansBudgetsAreOnTheTimelineBeforeTheDriveAndTheJudgeReadsThem() {
        var result = new CellRunner(RunDefaults.CI_SCALE, Tolerance.DEFAULT)
                .run(statingDetection(PlannedBudgets.DETECTION), CLIENT);

        assertThat(result.verdict()).as(result.message()).isEqualTo(Verdict.PASS);
        assertThat(result.message())
                .isEqualTo(Budgets.detection(CLIENT.params().scaled(RunDefaults.CI_SCALE), Tolerance.DEFAULT).formula());
        assertThat(result.timeline()).first().satisfies(e -> assertThat(e.type()).isEqualTo(HarnessEvents.BUDGET));
    }

    @Test
    void aJudgeAskingForABudgetThePlanNeverStatedIsAnError() {
        var result = new CellRunner(RunDefaults.CI_SCALE, Tolerance.DEFAULT)
                .run(statingDetection(PlannedBudgets.RECONNECT), CLIENT);

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.message()).startsWith("no budget 'reconnect' on the timeline");
    }

    private static final long MS = 1_000_000L;
    private static final long FAULT_NS = 1_000 * MS;
    private static final long BUDGET_MS = 1_650;

    /** A verdict with its detection {@code detectionMs} after the fault, against a budget of {@link #BUDGET_MS}. */
    private static CellResult judged(Verdict verdict, Long detectionMs) {
        return new CellResult("test/plan", "MUST", "target", "embedded", verdict, "judged", BUDGET_MS, "budget",
                detectionMs, null, 0.1, Tolerance.DEFAULT.millis(), FAULT_NS, 10_000, List.of());
    }

    /** A fleet's verdict: one detection offset per frozen connection, the slowest {@code detectionMs}. */
    private static CellResult fleetJudged(Verdict verdict, long detectionMs) {
        return judged(verdict, detectionMs).withDetectionOffsetsMs(List.of(100L, detectionMs));
    }

    /** The harness stood still {@code ms} from {@code afterFaultMs} after the fault's start. */
    private static List<HarnessStalls.Stall> stoodStill(long afterFaultMs, long ms) {
        long start = FAULT_NS + afterFaultMs * MS;
        return List.of(new HarnessStalls.Stall(start, start + ms * MS));
    }

    private static Optional<String> explaining(CellResult result, List<HarnessStalls.Stall> stalls) {
        return CellRunner.stallExplaining(result, 0, stalls, Tolerance.DEFAULT);
    }

    @Test
    void aDetectionLateByNoMoreThanTheHarnessStoodStillIsExplainedAndSaysHow() {
        assertThat(explaining(judged(Verdict.FAIL, BUDGET_MS + 400), stoodStill(300, 500)))
                .hasValue("the harness stood still 500 ms in 1 stall, the longest 500 ms at +300 ms from the fault's "
                        + "start");
    }

    @Test
    void aDetectionLaterThanAnyStallCouldMakeItStaysAFail() {
        assertThat(explaining(judged(Verdict.FAIL, BUDGET_MS + 600), stoodStill(300, 500))).isEmpty();
    }

    @Test
    void aFailWithNoDetectionAtAllIsNoStallsDoing() {
        assertThat(explaining(judged(Verdict.FAIL, null), stoodStill(300, 5_000))).isEmpty();
    }

    @Test
    void aFleetFailWhoseEveryDetectionWasInTimeIsNoStallsDoing() {
        // Its judge made the live closes a stall starved an ERROR: what is left is the target's.
        assertThat(explaining(fleetJudged(Verdict.FAIL, BUDGET_MS - 200), stoodStill(300, 2_000))).isEmpty();
    }

    @Test
    void aFleetWhoseSlowestDetectionWasLateByNoMoreThanTheStallIsExplained() {
        assertThat(explaining(fleetJudged(Verdict.FAIL, BUDGET_MS + 400), stoodStill(300, 500))).isPresent();
    }

    @Test
    void anErrorIsExplainedByAStallOfTheToleranceOrMoreOnly() {
        assertThat(explaining(judged(Verdict.ERROR, null), stoodStill(300, Tolerance.DEFAULT.millis()))).isPresent();
        assertThat(explaining(judged(Verdict.ERROR, null), stoodStill(300, Tolerance.DEFAULT.millis() - 1)))
                .isEmpty();
    }

    @Test
    void withoutAStallNothingIsExplainedAndAPassNeedsNoExplaining() {
        assertThat(explaining(judged(Verdict.FAIL, BUDGET_MS + 1), List.of())).isEmpty();
        assertThat(explaining(judged(Verdict.PASS, BUDGET_MS - 1), stoodStill(300, 500))).isEmpty();
    }
}
