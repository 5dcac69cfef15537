package io.heartbeatharness.run;

import io.heartbeatharness.scenario.catalogue.Catalogue;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.spec.TargetSpecs;
import io.heartbeatharness.testing.Prerequisites;
import io.heartbeatharness.time.TimeScale;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness's own stalls are never evidence against a target: this JVM — the harness, with the proxy that stamps
 * every close — is really stopped (SIGSTOP, then SIGCONT from another process) across the moment a correct target
 * detects a half-open connection, as a long garbage collection would. Stopped in both runs, the cell is an ERROR
 * naming the stalls, never a FAIL: the first run explained by its stall, or there would be no second. Stopped in the
 * first run only, a cell runs again and PASSes: {@link FleetStallIT} shows it on a fleet.
 */
class HarnessStallIT {
    private static final TimeScale SCALE = RunDefaults.CI_SCALE;
    /**
     * A server nobody here wrote, which writes no event log the judge could fall back on: only the proxy's stamps tell
     * when it closed (a reference design's own log would show its detection in time whatever the proxy stamped).
     */
    private static final Path SPEC = Path.of("..", "examples", "node-ws", "node-ws-server.yaml");
    /** Longer than the tolerance and than the detection's margin under its budget. */
    private static final Duration STALL = Duration.ofMillis(1500);

    private static CellResult run(int runsToStall) {
        Prerequisites.assume(Prerequisites.findTool("node").isEmpty() ? Optional.of("node is not on PATH")
                : Files.isDirectory(SPEC.resolveSibling("node_modules").resolve("ws")) ? Optional.empty()
                : Optional.of("examples/node-ws/node_modules/ws is missing: run 'npm ci' in examples/node-ws"));
        // The server detects at its second tick after its last exchange (I + T, T = I); the fault starts right after
        // an exchange: the harness stops from a second before that.
        StallingScenario halfOpen = new StallingScenario(Catalogue.select(List.of("half-open/both")).get(0),
                runsToStall, params -> params.interval().plus(params.timeout()).minusSeconds(1), params -> STALL);
        return new CellRunner(SCALE, Tolerance.DEFAULT).run(halfOpen, TargetSpecs.load(SPEC));
    }

    @Test
    void aCellTheHarnessStalledInTwiceIsAnErrorNamingTheStallsNeverAFail() {
        CellResult cell = run(2);
        System.out.println("half-open/both [node-ws server], stalled twice: " + cell.verdict() + " " + cell.message());
        assertThat(cell.verdict()).as(cell.message()).isEqualTo(Verdict.ERROR);
        assertThat(cell.message()).startsWith("the harness itself stalled in both runs of this cell")
                .containsPattern("the harness stood still \\d+ ms");
    }
}
