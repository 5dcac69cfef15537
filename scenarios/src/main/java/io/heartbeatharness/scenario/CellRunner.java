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
    private final FaultPhase phase;

    public CellRunner(TimeScale scale, Tolerance tolerance) {
        this(scale, tolerance, Backends.embedded());
    }

    public CellRunner(TimeScale scale, Tolerance tolerance, FaultBackend backend) {
        this(scale, tolerance, backend, FaultPhase.WORST);
    }

    public CellRunner(TimeScale scale, Tolerance tolerance, FaultBackend backend, FaultPhase phase) {
        this.scale = scale;
        this.tolerance = tolerance;
        this.backend = backend;
        this.phase = phase;
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

    /**
     * The events recorded before the harness began to tear the cell down: a FIN caused by its own kill, or a process
     * exiting because it was told to, is never evidence about the target.
     */
    static List<TimelineEvent> beforeTeardown(List<TimelineEvent> events) {
        long teardown = events.stream().filter(e -> e.source().equals(CellContext.HARNESS) && e.is(CellContext.TEARDOWN))
                .mapToLong(TimelineEvent::monoNanos).min().orElse(Long.MAX_VALUE);
        return events.stream().filter(e -> e.monoNanos() < teardown).toList();
    }

    private CellResult runAdmitted(Scenario scenario, Target target) {
        long started = System.nanoTime();
        List<TimelineEvent> events;
        Judgement judgement;
        CellContext cell = new CellContext(target, scale, tolerance, backend, phase);
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
                judgement = scenario.judge(new Evidence(target, cell.params(), tolerance, beforeTeardown(events)));
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
