package io.heartbeatharness.run;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.PlannedBudgets;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.cell.CellContext;
import io.heartbeatharness.judge.Evidence;
import io.heartbeatharness.judge.Judgement;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.scenario.ScenarioCase;
import io.heartbeatharness.scenario.fleet.FleetFrozenSubset;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.time.Mono;
import io.heartbeatharness.time.TimeScale;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TimelineEvent;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fleet cell whose harness stands still: this JVM — the harness, with the proxy every connection of the fleet runs
 * through — is really stopped (SIGSTOP, then SIGCONT from another process) a little after the peer process is
 * frozen, for longer than the server's reader-idle I + T, so the correct server closes every live connection the
 * proxy stopped feeding and the frozen ones' closes are stamped past the budget. Neither is the server's doing: the
 * cell runs again and PASSes, saying why.
 *
 * <p>Stalled in both runs the cell would be an ERROR; that path of the runner is the same for every scenario and
 * {@link HarnessStallIT} covers it, so a second pair of fleet runs is not spent on it here.
 */
class FleetStallIT {
    private static final TimeScale SCALE = RunDefaults.CI_SCALE;
    /** The reference server with the shortest detection budget (I + T = 1.5 s at the CI scale): the cheapest fleet. */
    private static final String SERVER = "idle server";
    /** When the harness stops, after the SIGSTOP of the peer: well inside the budget. */
    private static final Duration STALL_AFTER = Duration.ofMillis(300);
    /** How much longer than the server's I + T the harness stands still: every live connection goes that silent. */
    private static final Duration STALL_BEYOND_IDLE = Duration.ofMillis(500);

    /** fleet/frozen-subset, freezing this JVM once, from {@link #STALL_AFTER} after the fault's start. */
    private static final class StallingFleet implements Scenario {
        private final FleetFrozenSubset fleet = FleetFrozenSubset.fromSystemProperty();
        private final AtomicBoolean stalled = new AtomicBoolean();
        private volatile long stallMs;
        /** The stalled run's verdict and sentence, for the log. */
        private volatile String firstRun;

        @Override
        public ScenarioCase scenarioCase() {
            return fleet.scenarioCase();
        }

        @Override
        public PlannedBudgets budgets(Side role, HeartbeatParams scaled, TimeScale scale, Tolerance tolerance) {
            return fleet.budgets(role, scaled, scale, tolerance);
        }

        @Override
        public boolean appliesTo(Target target) {
            return fleet.appliesTo(target);
        }

        @Override
        public boolean exclusive() {
            return fleet.exclusive();
        }

        @Override
        public void drive(CellContext cell) throws Exception {
            if (stalled.compareAndSet(false, true)) {
                HeartbeatParams params = cell.params();
                stallMs = params.interval().plus(params.timeout()).plus(STALL_BEYOND_IDLE).toMillis();
                Thread freezer = new Thread(() -> freezeOnceTheFaultIsOn(cell, stallMs), "freezer");
                freezer.setDaemon(true);
                freezer.start();
            }
            fleet.drive(cell);
        }

        @Override
        public Judgement judge(Evidence evidence) {
            Judgement judgement = fleet.judge(evidence);
            if (firstRun == null) {
                firstRun = judgement.verdict() + " " + judgement.message();
            }
            return judgement;
        }
    }

    private static void freezeOnceTheFaultIsOn(CellContext cell, long stallMs) {
        try {
            // The fleet forms first (ten peer JVMs); a cell that never gets to its fault is not stalled at all.
            long giveUp = Mono.now() + Duration.ofMinutes(2).toNanos();
            Optional<TimelineEvent> start;
            while ((start = cell.timeline().first(Sources.HARNESS, Long.MIN_VALUE,
                    e -> e.is(HarnessEvents.FAULT_START))).isEmpty()) {
                if (Mono.now() > giveUp) {
                    return;
                }
                Thread.sleep(5);
            }
            long afterMs = Math.max(0, STALL_AFTER.toMillis() - (Mono.now() - start.get().monoNanos()) / 1_000_000);
            long pid = ProcessHandle.current().pid();
            // Another process stops and resumes this one: every thread of the harness stands still, as in a pause.
            new ProcessBuilder("sh", "-c", String.format("sleep %.3f; kill -STOP %d; sleep %.3f; kill -CONT %d",
                    afterMs / 1000.0, pid, stallMs / 1000.0, pid)).inheritIO().start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFleetCellTheHarnessStalledInRunsAgainAndPasses() {
        Target server = ReferenceTargets.select(List.of(SERVER)).get(0);
        StallingFleet scenario = new StallingFleet();

        CellResult cell = new CellRunner(SCALE, Tolerance.DEFAULT).run(scenario, server);

        System.out.println("fleet/frozen-subset [" + SERVER + "], stalled " + scenario.stallMs + " ms once: "
                + cell.verdict() + " in " + cell.elapsedMs() + " ms (second run): " + cell.message()
                + "\n  the stalled run: " + scenario.firstRun);
        assertThat(cell.verdict()).as(cell.message()).isEqualTo(Verdict.PASS);
        // The stalled run is no verdict on the server: mostly its judge says it cannot tell (ERROR); a close the proxy
        // stamped just after the stall, outside it, is a FAIL late by no more than the harness stood still.
        assertThat(cell.message()).containsPattern("^ran again, as the harness itself stalled in the first run, "
                + "which got (ERROR|FAIL) \\(the harness stood still \\d+ ms");
        assertThat(cell.detectionOffsetsMs()).as("one detection per frozen connection")
                .hasSize(scenario.fleet.connections() / FleetFrozenSubset.PROCESSES);
    }
}
