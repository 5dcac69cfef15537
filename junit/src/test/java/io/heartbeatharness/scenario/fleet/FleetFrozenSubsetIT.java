package io.heartbeatharness.scenario.fleet;

import io.heartbeatharness.scenario.fleet.FleetFrozenSubset;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.junit.HeartbeatAssertions;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.run.CellRunner;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.target.Target;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fleet/frozen-subset} at its full default size against the seed design's server (the catalogue matrix runs
 * it smaller): real processes, a real SIGSTOP of a tenth of the fleet, judged connection by connection.
 */
class FleetFrozenSubsetIT {

    @Test
    void theServerClosesEveryFrozenConnectionAndNoLiveOne() {
        FleetFrozenSubset fleet = new FleetFrozenSubset(FleetFrozenSubset.DEFAULT_CONNECTIONS);
        Target server = ReferenceTargets.select(List.of("ws-json server")).get(0);

        CellResult cell = new CellRunner(RunDefaults.CI_SCALE, Tolerance.DEFAULT).run(fleet, server);

        System.out.println(cell.scenario() + " [" + cell.target() + "] " + cell.verdict() + " in " + cell.elapsedMs()
                + " ms, " + cell.timeline().size() + " events: " + cell.message());
        HeartbeatAssertions.assertPassed(cell);
        assertThat(cell.detectionOffsetsMs()).as("one detection per frozen connection")
                .hasSize(FleetFrozenSubset.DEFAULT_CONNECTIONS / FleetFrozenSubset.PROCESSES);
    }
}
