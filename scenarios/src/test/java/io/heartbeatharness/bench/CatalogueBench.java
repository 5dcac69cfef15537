package io.heartbeatharness.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.RunResult;
import io.heartbeatharness.scenario.catalogue.Catalogue;
import io.heartbeatharness.run.MatrixRun;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.scenario.fleet.FleetFrozenSubset;
import io.heartbeatharness.verdict.Verdict;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How long the whole catalogue takes at the CI scale against every reference target, next to the waiting its cells
 * cannot avoid ({@link InherentWait}): wall time, the sum of the cells' own times, the sum of their inherent waits,
 * and the ratios. Cells run {@code check}'s default number at a time, so wall time below the summed inherent wait
 * is overlap, not speed. Run with {@code mvn -B -pl scenarios -am -Pbench -DskipTests verify -Dbench.proxy.skip=true
 * -Dbench.run=catalogue}.
 */
final class CatalogueBench {
    /** {@code check}'s default, so the bench measures what users run. */
    static final int JOBS = RunDefaults.JOBS;

    private CatalogueBench() {
    }

    static Map<String, Object> run() {
        List<MatrixRun.Planned> cells = MatrixRun.plan(Catalogue.all(), ReferenceTargets.all());
        System.out.printf("catalogue: %d cells, %d at a time, scale %s, fleet N = %d%n", cells.size(), JOBS,
                RunDefaults.CI_SCALE.factor(), FleetFrozenSubset.fromSystemProperty().connections());
        String loadBefore = Machine.loadAverage();
        long started = System.nanoTime();
        RunResult result = new MatrixRun(RunDefaults.CI_SCALE, Tolerance.DEFAULT).run(cells, 1, JOBS, System.out::println);
        long wallMs = (System.nanoTime() - started) / 1_000_000;

        long cellMs = 0;
        long inherentMs = 0;
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (CellResult cell : result.cells()) {
            Target target = ReferenceTargets.select(List.of(cell.target())).get(0);
            // A cell that could not run here (UNSUPPORTED: no nginx, not root) waited for nothing.
            Optional<Duration> inherent = cell.verdict() == Verdict.UNSUPPORTED ? Optional.of(Duration.ZERO)
                    : InherentWait.of(cell.scenario(), target.params().scaled(RunDefaults.CI_SCALE), RunDefaults.CI_SCALE);
            cellMs += cell.elapsedMs();
            inherent.ifPresentOrElse(d -> { }, () -> unknown.add(cell.scenario()));
            long inherentCell = inherent.map(Duration::toMillis).orElse(0L);
            inherentMs += inherentCell;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("cell", cell.scenario() + " [" + cell.target() + "]");
            row.put("verdict", cell.verdict().name());
            row.put("cell_ms", cell.elapsedMs());
            row.put("inherent_ms", inherent.map(Duration::toMillis).orElse(null));
            row.put("overhead_ms", inherent.map(d -> cell.elapsedMs() - d.toMillis()).orElse(null));
            rows.add(row);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("cells", result.cells().size());
        figures.put("jobs", JOBS);
        figures.put("scale", RunDefaults.CI_SCALE.factor());
        figures.put("fleet_connections", FleetFrozenSubset.fromSystemProperty().connections());
        figures.put("wall_ms", wallMs);
        figures.put("summed_cell_ms", cellMs);
        figures.put("summed_inherent_ms", inherentMs);
        figures.put("cell_time_over_inherent", ratio(cellMs, inherentMs));
        figures.put("wall_over_inherent", ratio(wallMs, inherentMs));
        figures.put("wall_over_inherent_per_job", ratio(wallMs * JOBS, inherentMs));
        figures.put("scenarios_without_inherent_formula", unknown.stream().distinct().toList());
        Map<String, Long> verdicts = new LinkedHashMap<>();
        for (Verdict verdict : Verdict.values()) {
            verdicts.put(verdict.name(), result.count(verdict));
        }
        figures.put("verdicts", verdicts);
        figures.put("load_average_before", loadBefore);
        figures.put("load_average_after", Machine.loadAverage());
        figures.put("cell_rows", rows);
        System.out.printf("catalogue: wall %.1f s, summed cells %.1f s, summed inherent %.1f s: cells/inherent %.2f, "
                        + "wall/inherent %.2f (%d jobs)%n", wallMs / 1e3, cellMs / 1e3, inherentMs / 1e3,
                ratio(cellMs, inherentMs), ratio(wallMs, inherentMs), JOBS);
        return figures;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : Math.round(1000.0 * a / b) / 1000.0;
    }

    static void write(Path out, Map<String, Object> figures) throws java.io.IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(out.toFile(), figures);
        System.out.println("written to " + out.toAbsolutePath());
    }
}
