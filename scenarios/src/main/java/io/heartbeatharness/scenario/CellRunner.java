package io.heartbeatharness.scenario;

import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.process.ProcessStartException;
import io.heartbeatharness.report.CellResult;
import io.heartbeatharness.scenario.backend.Backends;
import io.heartbeatharness.scenario.backend.FaultBackend;
import io.heartbeatharness.time.TimeScale;
import io.heartbeatharness.timeline.TimelineEvent;

import java.util.List;

/**
 * Runs one cell: drive the fault plan (record), then judge the timeline, then package the result. Anything
 * that breaks in the harness or in the target's start-up is an ERROR — never a PASS, never blamed on the target;
 * a check that crashes is an ERROR too.
 */
public final class CellRunner {
    private final TimeScale scale;
    private final Tolerance tolerance;
    private final FaultBackend backend;

    public CellRunner(TimeScale scale, Tolerance tolerance) {
        this(scale, tolerance, Backends.embedded());
    }

    public CellRunner(TimeScale scale, Tolerance tolerance, FaultBackend backend) {
        this.scale = scale;
        this.tolerance = tolerance;
        this.backend = backend;
    }

    public CellResult run(Scenario scenario, Target target) {
        return run(scenario, target, () -> {
        });
    }

    /** Runs the cell once the admission gate lets it in, telling {@code onAdmitted} first (progress output). */
    public CellResult run(Scenario scenario, Target target, Runnable onAdmitted) {
        try (CellAdmission.Ticket admitted = CellAdmission.enter(scenario)) {
            onAdmitted.run();
            return runAdmitted(scenario, target);
        }
    }

    private CellResult runAdmitted(Scenario scenario, Target target) {
        long started = System.nanoTime();
        List<TimelineEvent> events;
        Judgement judgement;
        CellContext cell = new CellContext(target, scale, tolerance, backend);
        String driveError = null;
        String unsupported = backend.refusal(scenario).orElse(null);
        String targetFault = null;
        try {
            if (unsupported == null) {
                scenario.drive(cell);
            }
        } catch (UnsupportedFault e) {
            unsupported = e.getMessage();
        } catch (TargetFault e) {
            targetFault = e.getMessage();
        } catch (ProcessStartException | HarnessException e) {
            driveError = e.getMessage();
        } catch (Exception e) {
            driveError = "harness failure: " + e;
        } finally {
            try {
                cell.close();
            } catch (RuntimeException e) {
                driveError = driveError == null ? e.getMessage() : driveError + "; " + e.getMessage();
            }
        }
        events = cell.timeline().events();
        if (driveError != null) {
            judgement = Judgement.error(driveError);
        } else if (unsupported != null) {
            judgement = Judgement.unsupported(unsupported);
        } else if (targetFault != null) {
            judgement = new Judgement(io.heartbeatharness.verdict.Verdict.FAIL, targetFault, null, null, null, null);
        } else {
            try {
                judgement = scenario.judge(new Evidence(target, cell.params(), tolerance, events));
            } catch (RuntimeException e) {
                judgement = Judgement.error("the check crashed: " + e);
            }
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        return new CellResult(scenario.id(), scenario.requirement().name(), target.name(), backend.id(),
                judgement.verdict(), judgement.message(),
                judgement.budget() == null ? null : judgement.budget().millis(),
                judgement.budget() == null ? null : judgement.budget().formula(),
                judgement.detectionMs(), judgement.reconnectMs(), scale.factor(), tolerance.millis(),
                judgement.faultStartNs(), elapsedMs, events)
                .withScenarioText(scenario.description(), scenario.expectation())
                .withDetectionOffsetsMs(judgement.detectionOffsetsMs());
    }
}
