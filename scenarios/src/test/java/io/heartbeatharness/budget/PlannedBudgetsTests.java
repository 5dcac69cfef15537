package io.heartbeatharness.budget;

import io.heartbeatharness.judge.HandTimeline;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.verdict.HarnessException;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.scenario.halfopen.HalfOpen;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TimelineEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Budgets stated by a plan survive the trip through the timeline exactly, and a missing one is named. */
class PlannedBudgetsTests {

    private static TimelineEvent recorded(String name, Budget budget) {
        HandTimeline timeline = new HandTimeline();
        timeline.budget(0, name, budget);
        return timeline.events().get(0);
    }

    @Test
    void aBudgetReadBackFromItsEventIsTheOneRecorded() {
        Budget whole = new Budget(Duration.ofMillis(3650), "I + T + P + tol = 3000 + 500 + 0 + 150 ms");
        Budget finer = new Budget(Duration.ofNanos(68_512_345), "an odd time scale");
        TimelineEvent event = recorded(PlannedBudgets.DETECTION, whole);

        assertThat(event.source()).isEqualTo(Sources.HARNESS);
        assertThat(event.type()).isEqualTo(HarnessEvents.BUDGET);
        assertThat(event.str("limit_ms")).isEqualTo("3650");
        assertThat(PlannedBudgets.recorded(List.of(event)).get(PlannedBudgets.DETECTION)).isEqualTo(whole);
        assertThat(recorded("odd", finer).str("limit_ms")).isEqualTo("68.512345");
        assertThat(PlannedBudgets.recorded(List.of(recorded("odd", finer))).get("odd")).isEqualTo(finer);
    }

    @Test
    void aBudgetNoPlanStatedIsNamedWithTheOnesThatWere() {
        PlannedBudgets recorded = PlannedBudgets.recorded(List.of(recorded(PlannedBudgets.DETECTION,
                new Budget(Duration.ofMillis(3650), "f"))));

        assertThatThrownBy(() -> recorded.get(PlannedBudgets.RECONNECT_AFTER_HEAL))
                .isInstanceOf(HarnessException.class)
                .hasMessageContaining("no budget 'reconnect-after-heal'").hasMessageContaining("recorded: detection");
    }

    @Test
    void aPlanStatesOnlyTheBudgetsItsTargetIsJudgedBy() {
        var params = ReferenceTargets.params(Design.WS_JSON).scaled(RunDefaults.CI_SCALE);

        assertThat(HalfOpen.both().budgets(Side.SERVER, params, RunDefaults.CI_SCALE, Tolerance.DEFAULT).asMap())
                .containsOnlyKeys(PlannedBudgets.DETECTION)
                .containsValue(Budgets.detection(params, Tolerance.DEFAULT));
        assertThat(HalfOpen.both().budgets(Side.CLIENT, params, RunDefaults.CI_SCALE, Tolerance.DEFAULT).asMap())
                .containsOnlyKeys(PlannedBudgets.DETECTION, PlannedBudgets.RECONNECT_AFTER_HEAL);
    }
}
