package io.heartbeatharness.scenario;

import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.report.CellResult;
import io.heartbeatharness.report.RunResult;
import io.heartbeatharness.time.TimeScale;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs scenarios × targets (the cells that apply) and collects a {@link RunResult}; shared by CLI and JUnit. */
public final class MatrixRun {
    private final TimeScale scale;
    private final Tolerance tolerance;

    public MatrixRun(TimeScale scale, Tolerance tolerance) {
        this.scale = scale;
        this.tolerance = tolerance;
    }

    /** A planned cell. */
    public record Planned(Scenario scenario, Target target) {
        public String displayName() {
            return scenario.id() + " [" + target.name() + "]";
        }
    }

    public static List<Planned> plan(List<Scenario> scenarios, List<Target> targets) {
        List<Planned> cells = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (Target target : targets) {
                if (scenario.appliesTo(target)) {
                    cells.add(new Planned(scenario, target));
                }
            }
        }
        return cells;
    }

    public RunResult run(List<Planned> cells, Consumer<String> progress) {
        Instant started = Instant.now();
        CellRunner runner = new CellRunner(scale, tolerance);
        List<CellResult> results = new ArrayList<>();
        int index = 0;
        for (Planned planned : cells) {
            index++;
            progress.accept(String.format("[%d/%d] %s ...", index, cells.size(), planned.displayName()));
            CellResult result = runner.run(planned.scenario(), planned.target());
            progress.accept(String.format("[%d/%d] %s %s in %.1f s: %s", index, cells.size(), planned.displayName(),
                    result.verdict(), result.elapsedMs() / 1000.0, result.message()));
            results.add(result);
        }
        return new RunResult(started, RunDefaults.harnessVersion(), System.getProperty("java.version"),
                scale.factor(), tolerance.millis(), results);
    }
}
