package io.heartbeatharness.cell;

import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.verdict.HarnessException;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.backend.EmbeddedBackend;
import io.heartbeatharness.fault.Fault;
import io.heartbeatharness.timeline.HarnessEvents;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A cell's fault marks come only from the faults it injects: nothing is started here. */
class CellContextFaultTests {
    private static final Target SERVER = Target.reference(Design.WS_JSON, Side.SERVER,
            ReferenceTargets.params(Design.WS_JSON), Set.of());

    private static CellContext cell() {
        return new CellContext(SERVER, RunDefaults.CI_SCALE, Tolerance.DEFAULT, new EmbeddedBackend(), FaultPhase.WORST);
    }

    @Test
    void faultMarksAreNotWrittenByHand() {
        try (CellContext cell = cell()) {
            assertThatThrownBy(() -> cell.mark(HarnessEvents.FAULT_START, "fault", "blackhole"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cell.mark(HarnessEvents.FAULT_END, "fault", "blackhole"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(cell.timeline().events()).isEmpty();
        }
    }

    @Test
    void aPathFaultInAnUnwiredCellIsAHarnessFailureThatRecordsNothing() {
        try (CellContext cell = cell()) {
            assertThatThrownBy(() -> cell.inject(new Fault.Reset())).isInstanceOf(HarnessException.class);
            assertThat(cell.timeline().events()).isEmpty();
        }
    }

    @Test
    void aFaultOffThePathRecordsItsStartAndEnd() {
        try (CellContext cell = cell()) {
            var watch = cell.inject(new Fault.ProxyIdle(java.time.Duration.ofSeconds(9)));
            long end = watch.heal();

            assertThat(cell.timeline().events()).extracting(e -> e.type() + " " + e.str("fault"))
                    .containsExactly("fault-start proxy-idle", "fault-end proxy-idle");
            assertThat(end).isGreaterThanOrEqualTo(watch.startedAt());
        }
    }
}
