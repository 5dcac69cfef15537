package io.heartbeatharness.scenario.halfopen;

import io.heartbeatharness.scenario.halfopen.HalfOpen;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.process.ProcessReaper;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.run.CellRunner;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** half-open/both for real: reference processes, the embedded proxy, a real blackhole. */
class HalfOpenIT {
    private final CellRunner runner = new CellRunner(RunDefaults.CI_SCALE, Tolerance.DEFAULT);
    private final HalfOpen scenario = HalfOpen.both();

    private static Target target(Side role, Set<KnownBad> flaws) {
        return Target.reference(Design.WS_JSON, role, ReferenceTargets.params(Design.WS_JSON), flaws);
    }

    @AfterEach
    void noProcessOutlivesTheCell() {
        assertThat(ProcessReaper.live()).isZero();
    }

    @Test
    void referenceServerClosesTheDeadConnectionWithinBudget() {
        CellResult result = runner.run(scenario, target(Side.SERVER, Set.of()));
        assertThat(result.verdict()).as(result.message()).isEqualTo(Verdict.PASS);
        assertThat(result.detectionMs()).isLessThanOrEqualTo(result.budgetMs());
        assertThat(result.timeline()).anyMatch(e -> e.source().equals(Sources.TARGET) && e.is("closed")
                && "4000".equals(e.str("code")));
    }

    @Test
    void serverThatNeverClosesFails() {
        CellResult result = runner.run(scenario, target(Side.SERVER, Set.of(KnownBad.NEVER_CLOSE)));
        assertThat(result.verdict()).as(result.message()).isEqualTo(Verdict.FAIL);
        assertThat(result.message()).contains("observed no close");
    }

    @Test
    void referenceClientDetectsAndReconnectsOnceThePathHeals() {
        CellResult result = runner.run(scenario, target(Side.CLIENT, Set.of()));
        assertThat(result.verdict()).as(result.message()).isEqualTo(Verdict.PASS);
        assertThat(result.reconnectMs()).isNotNull();
    }
}
