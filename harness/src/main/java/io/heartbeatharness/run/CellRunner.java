package io.heartbeatharness.run;

import io.heartbeatharness.cell.ContainerTargets;
import io.heartbeatharness.backend.UnsupportedFault;
import io.heartbeatharness.cell.CellAdmission;
import io.heartbeatharness.cell.CellContext;
import io.heartbeatharness.cell.FaultPhase;
import io.heartbeatharness.cell.TargetFault;
import io.heartbeatharness.judge.Evidence;
import io.heartbeatharness.judge.Judgement;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.verdict.HarnessException;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.process.ProcessStartException;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.backend.AutoBackend;
import io.heartbeatharness.backend.FaultBackend;
import io.heartbeatharness.time.HarnessStalls;
import io.heartbeatharness.time.TimeScale;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TimelineEvent;
import io.heartbeatharness.verdict.Verdict;

import java.util.List;
import java.util.Optional;

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
    private final CellJournals journals;

    public CellRunner(TimeScale scale, Tolerance tolerance) {
        this(scale, tolerance, Backends.embedded());
    }

    public CellRunner(TimeScale scale, Tolerance tolerance, FaultBackend backend) {
        this(scale, tolerance, backend, FaultPhase.WORST);
    }

    public CellRunner(TimeScale scale, Tolerance tolerance, FaultBackend backend, FaultPhase phase) {
        this(scale, tolerance, backend, phase, CellJournals.NONE);
    }

    CellRunner(TimeScale scale, Tolerance tolerance, FaultBackend backend, FaultPhase phase, CellJournals journals) {
        this.scale = scale;
        this.tolerance = tolerance;
        this.backend = backend;
        this.phase = phase;
        this.journals = journals;
        HarnessStalls.watch();
    }

    public CellResult run(Scenario scenario, Target target) {
        return run(scenario, target, () -> {
        });
    }

    /** Runs the cell once the admission gate lets it in, telling {@code onAdmitted} first (progress output). */
    public CellResult run(Scenario scenario, Target target, Runnable onAdmitted) {
        try (CellAdmission.Ticket admitted = CellAdmission.enter(scenario.exclusive())) {
            onAdmitted.run();
            return runAdmitted(scenario, target);
        }
    }

    /**
     * The events recorded before the harness began to tear the cell down: a FIN caused by its own kill, or a process
     * exiting because it was told to, is never evidence about the target.
     */
    static List<TimelineEvent> beforeTeardown(List<TimelineEvent> events) {
        long teardown = events.stream().filter(e -> e.source().equals(Sources.HARNESS) && e.is(HarnessEvents.TEARDOWN))
                .mapToLong(TimelineEvent::monoNanos).min().orElse(Long.MAX_VALUE);
        return events.stream().filter(e -> e.monoNanos() < teardown).toList();
    }

    /**
     * Runs the cell; a FAIL that a stall of the harness itself can explain is not a verdict on the target, nor is an
     * ERROR the judge gave because the proxy stood still across the moment it had to see: the cell runs again, once,
     * and if the harness stalls again the cell is an ERROR that names both stalls.
     */
    private CellResult runAdmitted(Scenario scenario, Target target) {
        long firstStart = System.nanoTime();
        CellResult first = runOnce(scenario, target);
        Optional<String> stalled = stallExplaining(first, firstStart);
        if (stalled.isEmpty()) {
            return first;
        }
        long secondStart = System.nanoTime();
        CellResult second = runOnce(scenario, target);
        Optional<String> stalledAgain = stallExplaining(second, secondStart);
        if (stalledAgain.isPresent()) {
            return second.withVerdict(Verdict.ERROR, "the harness itself stalled in both runs of this cell, which got "
                    + first.verdict() + " and " + second.verdict() + " while it stood still (" + stalled.get()
                    + "; then " + stalledAgain.get() + "): no verdict on the target; last run: " + second.message());
        }
        return second.withVerdict(second.verdict(), "ran again, as the harness itself stalled in the first run, which "
                + "got " + first.verdict() + " (" + stalled.get() + "): " + second.message());
    }

    /**
     * Why the harness's own stalls may have made {@code result} what it is, or empty: {@link #stallExplaining(
     * CellResult, long, List, Tolerance)} over the stalls from the fault's start (or the cell's) until now.
     */
    Optional<String> stallExplaining(CellResult result, long cellStartNanos) {
        long from = result.faultStartNs() != null ? result.faultStartNs() : cellStartNanos;
        return stallExplaining(result, cellStartNanos, HarnessStalls.during(from, System.nanoTime()), tolerance);
    }

    /**
     * Why {@code stalls} of the harness itself may have made {@code result} what it is, or empty. A FAIL whose
     * detection ran over its budget by no more than the harness stood still after the fault (a stall delays the
     * proxy's stamp of the close by as much); an ERROR — the judge could not tell, as the proxy stood still — when
     * the harness stood still for the tolerance or more. A FAIL a stall cannot explain (no close at all, or one later
     * than any stall could make it) stays a FAIL; so does a fleet's FAIL whose every detection was in time: its judge
     * times each connection itself and makes the closes a stall can explain an ERROR, so what failed it — a frozen
     * connection never closed, a live one closed with no stall to starve it — is the target's.
     */
    static Optional<String> stallExplaining(CellResult result, long cellStartNanos, List<HarnessStalls.Stall> stalls,
                                            Tolerance tolerance) {
        if (result.verdict() != Verdict.FAIL && result.verdict() != Verdict.ERROR || stalls.isEmpty()) {
            return Optional.empty();
        }
        long from = result.faultStartNs() != null ? result.faultStartNs() : cellStartNanos;
        long total = stalls.stream().mapToLong(HarnessStalls.Stall::millis).sum();
        boolean explains;
        if (result.verdict() == Verdict.ERROR) {
            explains = total >= tolerance.millis();
        } else if (result.detectionMs() == null || result.budgetMs() == null) {
            explains = false;
        } else {
            long over = result.detectionMs() - result.budgetMs();
            explains = over <= total && (over > 0 || result.detectionOffsetsMs().isEmpty());
        }
        if (!explains) {
            return Optional.empty();
        }
        HarnessStalls.Stall longest = stalls.stream().max(java.util.Comparator.comparingLong(HarnessStalls.Stall::millis))
                .orElseThrow();
        return Optional.of(String.format("the harness stood still %d ms in %d stall%s, the longest %d ms at %+d ms "
                        + "from the %s", total, stalls.size(), stalls.size() == 1 ? "" : "s", longest.millis(),
                (longest.startNanos() - from) / 1_000_000, result.faultStartNs() != null ? "fault's start" : "cell's start"));
    }

    private CellResult runOnce(Scenario scenario, Target target) {
        FaultBackend backend = AutoBackend.chosenFor(this.backend, scenario);
        long started = System.nanoTime();
        List<TimelineEvent> events;
        Judgement judgement;
        CellContext cell = new CellContext(target, scale, tolerance, backend, phase);
        CellJournals.Open journal = journals.start(cell.timeline(), scenario, target, backend.id());
        String driveError = null;
        // A container target where Docker cannot run it: said before anything starts, as a backend's refusal is.
        String unsupported = backend.refusal(scenario).or(() -> ContainerTargets.unavailableReason(target)).orElse(null);
        String targetFault = null;
        try {
            if (unsupported == null) {
                scenario.budgets(target.role(), cell.params(), scale, tolerance).asMap().forEach(cell::recordBudget);
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
            judgement = new Judgement(Verdict.FAIL, targetFault, null, null, null, null);
        } else {
            try {
                judgement = scenario.judge(new Evidence(target, cell.params(), tolerance, beforeTeardown(events)));
            } catch (HarnessException e) {
                judgement = Judgement.error(e.getMessage());
            } catch (RuntimeException e) {
                judgement = Judgement.error("the check crashed: " + e);
            }
        }
        // Closed last: a killed process's exit is recorded by its reaper a moment after the teardown.
        journal.close();
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
