package io.heartbeatharness.run;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.PlannedBudgets;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.cell.CellContext;
import io.heartbeatharness.judge.Evidence;
import io.heartbeatharness.judge.Judgement;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.scenario.ScenarioCase;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.time.Mono;
import io.heartbeatharness.time.TimeScale;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TimelineEvent;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A catalogue scenario run as it is, but for its first runs: in those, this JVM — the harness, with the proxy that
 * stamps every close — is really stopped (SIGSTOP, then SIGCONT from another process) {@code after} the fault's start
 * for {@code length}, as a long garbage collection would stop it. Both derive from the target's declared parameters.
 */
final class StallingScenario implements Scenario {
    private final Scenario scenario;
    private final AtomicInteger stallsLeft;
    private final Function<HeartbeatParams, Duration> after;
    private final Function<HeartbeatParams, Duration> length;
    private volatile long stallMs;
    private volatile String firstRun;

    StallingScenario(Scenario scenario, int runsToStall, Function<HeartbeatParams, Duration> after,
                     Function<HeartbeatParams, Duration> length) {
        this.scenario = scenario;
        this.stallsLeft = new AtomicInteger(runsToStall);
        this.after = after;
        this.length = length;
    }

    /** How long the harness was stopped, in the last stalled run. */
    long stallMs() {
        return stallMs;
    }

    /** The first run's verdict and sentence, for the log. */
    String firstRun() {
        return firstRun;
    }

    @Override
    public ScenarioCase scenarioCase() {
        return scenario.scenarioCase();
    }

    @Override
    public PlannedBudgets budgets(Side role, HeartbeatParams scaled, TimeScale scale, Tolerance tolerance) {
        return scenario.budgets(role, scaled, scale, tolerance);
    }

    @Override
    public boolean appliesTo(Target target) {
        return scenario.appliesTo(target);
    }

    @Override
    public boolean exclusive() {
        return scenario.exclusive();
    }

    @Override
    public void drive(CellContext cell) throws Exception {
        if (stallsLeft.getAndDecrement() > 0) {
            long afterMs = after.apply(cell.params()).toMillis();
            stallMs = length.apply(cell.params()).toMillis();
            long thisStallMs = stallMs;
            Thread freezer = new Thread(() -> freezeOnceTheFaultIsOn(cell, afterMs, thisStallMs), "freezer");
            freezer.setDaemon(true);
            freezer.start();
        }
        scenario.drive(cell);
    }

    @Override
    public Judgement judge(Evidence evidence) {
        Judgement judgement = scenario.judge(evidence);
        if (firstRun == null) {
            firstRun = judgement.verdict() + " " + judgement.message();
        }
        return judgement;
    }

    private static void freezeOnceTheFaultIsOn(CellContext cell, long afterMs, long stallMs) {
        try {
            // A fleet forms first (ten peer JVMs); a cell that never gets to its fault is not stalled at all.
            long giveUp = Mono.now() + Duration.ofMinutes(2).toNanos();
            Optional<TimelineEvent> start;
            while ((start = cell.timeline().first(Sources.HARNESS, Long.MIN_VALUE,
                    e -> e.is(HarnessEvents.FAULT_START))).isEmpty()) {
                if (Mono.now() > giveUp) {
                    return;
                }
                Thread.sleep(5);
            }
            long waitMs = Math.max(0, afterMs - (Mono.now() - start.get().monoNanos()) / 1_000_000);
            long pid = ProcessHandle.current().pid();
            // Another process stops and resumes this one: every thread of the harness stands still, as in a pause.
            new ProcessBuilder("sh", "-c", String.format("sleep %.3f; kill -STOP %d; sleep %.3f; kill -CONT %d",
                    waitMs / 1000.0, pid, stallMs / 1000.0, pid)).inheritIO().start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
