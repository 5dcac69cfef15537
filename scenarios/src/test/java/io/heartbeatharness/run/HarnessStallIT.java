package io.heartbeatharness.run;

import io.heartbeatharness.budget.PlannedBudgets;
import io.heartbeatharness.scenario.ScenarioCase;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.cell.CellContext;
import io.heartbeatharness.judge.Evidence;
import io.heartbeatharness.judge.Judgement;
import io.heartbeatharness.scenario.Requirement;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.scenario.catalogue.Catalogue;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.spec.TargetSpecs;
import io.heartbeatharness.testing.Prerequisites;
import io.heartbeatharness.time.TimeScale;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

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

    /** half-open/both, freezing this JVM for {@link #STALL} from a little before the target's detection. */
    private static final class StallingHalfOpen implements Scenario {
        private final Scenario halfOpen = Catalogue.select(List.of("half-open/both")).get(0);
        private final AtomicInteger stallsLeft;

        StallingHalfOpen(int runsToStall) {
            stallsLeft = new AtomicInteger(runsToStall);
        }

        @Override
        public ScenarioCase scenarioCase() {
            return halfOpen.scenarioCase();
        }

        @Override
        public PlannedBudgets budgets(Side role, HeartbeatParams scaled, TimeScale scale, Tolerance tolerance) {
            return halfOpen.budgets(role, scaled, scale, tolerance);
        }

        @Override
        public boolean appliesTo(Target target) {
            return halfOpen.appliesTo(target);
        }

        @Override
        public void drive(CellContext cell) throws Exception {
            if (stallsLeft.getAndDecrement() > 0) {
                HeartbeatParams params = cell.params();
                // The server detects at its second tick after its last exchange (I + T, T = I); the fault starts right
                // after an exchange.
                long detectionMs = params.interval().plus(params.timeout()).toMillis();
                Thread freezer = new Thread(() -> freezeOnceTheFaultIsOn(cell, detectionMs - 1000), "freezer");
                freezer.setDaemon(true);
                freezer.start();
            }
            halfOpen.drive(cell);
        }

        @Override
        public Judgement judge(Evidence evidence) {
            return halfOpen.judge(evidence);
        }
    }

    private static void freezeOnceTheFaultIsOn(CellContext cell, long afterMs) {
        try {
            while (cell.timeline().events().stream().noneMatch(e -> e.is(HarnessEvents.FAULT_START))) {
                Thread.sleep(10);
            }
            long pid = ProcessHandle.current().pid();
            // Another process stops and resumes this one: every thread of the harness stands still, as in a pause.
            new ProcessBuilder("sh", "-c", String.format("sleep %.3f; kill -STOP %d; sleep %.3f; kill -CONT %d",
                    afterMs / 1000.0, pid, STALL.toMillis() / 1000.0, pid)).inheritIO().start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CellResult run(int runsToStall) {
        Prerequisites.assume(Prerequisites.findTool("node").isEmpty() ? Optional.of("node is not on PATH")
                : Files.isDirectory(SPEC.resolveSibling("node_modules").resolve("ws")) ? Optional.empty()
                : Optional.of("examples/node-ws/node_modules/ws is missing: run 'npm ci' in examples/node-ws"));
        return new CellRunner(SCALE, Tolerance.DEFAULT).run(new StallingHalfOpen(runsToStall), TargetSpecs.load(SPEC));
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
