package io.heartbeatharness.result;

import io.heartbeatharness.verdict.Verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One run of the harness: when, with what, and every cell run it produced (several per cell when cells are
 * repeated; {@link #matrix()} groups them).
 *
 * @param startedAt      wall-clock start of the run
 * @param harnessVersion version of the harness
 * @param javaVersion    version of the JVM that ran it
 * @param scale          time scale
 * @param toleranceMs    tolerance included in every budget
 * @param cells          the cell runs, in the order they were run
 */
public record RunResult(Instant startedAt, String harnessVersion, String javaVersion, double scale, long toleranceMs,
                        List<CellResult> cells) {

    /** The matrix order: by scenario id, then target, then backend — the same whichever shard ran what. */
    private static final Comparator<CellResult> MATRIX_ORDER = Comparator.comparing(CellResult::scenario)
            .thenComparing(CellResult::target).thenComparing(CellResult::backend);

    public RunResult {
        Objects.requireNonNull(startedAt, "startedAt");
        cells = List.copyOf(cells);
    }

    public boolean failed() {
        return cells.stream().anyMatch(c -> c.verdict().failsRun());
    }

    /** How many cell runs (repetitions counted one by one) got {@code verdict}. */
    public long count(Verdict verdict) {
        return cells.stream().filter(c -> c.verdict() == verdict).count();
    }

    /**
     * The cells of the matrix, each holding its repetitions, sorted by scenario, target and backend; ids are
     * the cells' slugs, made unique when two names reduce to the same slug.
     */
    public List<MatrixCell> matrix() {
        Map<List<String>, List<CellResult>> groups = new LinkedHashMap<>();
        cells.stream().sorted(MATRIX_ORDER).forEach(cell ->
                groups.computeIfAbsent(List.of(cell.scenario(), cell.target(), cell.backend()), k -> new ArrayList<>())
                        .add(cell));
        List<MatrixCell> matrix = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (List<CellResult> group : groups.values()) {
            String slug = group.get(0).slug();
            String id = slug;
            for (int n = 2; !ids.add(id); n++) {
                id = slug + "-" + n;
            }
            matrix.add(new MatrixCell(id, group));
        }
        return matrix;
    }

    /** How many matrix cells got {@code verdict} as their worst. */
    public long matrixCount(Verdict verdict) {
        return matrix().stream().filter(c -> c.verdict() == verdict).count();
    }

    /**
     * Joins the results of shards of one run (each a slice of the same matrix, from CI matrix jobs) into the
     * result a single run would have produced: the earliest start, every cell run.
     *
     * @throws IllegalArgumentException when the shards disagree on harness version, scale or tolerance, or
     *                                  two shards ran the same repetition of the same cell
     */
    public static RunResult merge(List<RunResult> shards) {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("shards: nothing to merge");
        }
        RunResult first = shards.get(0);
        Instant started = first.startedAt();
        Set<String> javaVersions = new LinkedHashSet<>();
        List<CellResult> cells = new ArrayList<>();
        Set<List<Object>> seen = new HashSet<>();
        for (RunResult shard : shards) {
            same("harness_version", first.harnessVersion(), shard.harnessVersion());
            same("scale", first.scale(), shard.scale());
            same("tolerance_ms", first.toleranceMs(), shard.toleranceMs());
            if (shard.startedAt().isBefore(started)) {
                started = shard.startedAt();
            }
            javaVersions.add(shard.javaVersion());
            for (CellResult cell : shard.cells()) {
                if (!seen.add(List.of(cell.scenario(), cell.target(), cell.backend(), cell.repetition()))) {
                    throw new IllegalArgumentException("two shards ran " + cell.scenario() + " [" + cell.target()
                            + ", " + cell.backend() + "] repetition " + cell.repetition());
                }
                cells.add(cell);
            }
        }
        cells.sort(MATRIX_ORDER.thenComparingInt(CellResult::repetition));
        return new RunResult(started, first.harnessVersion(), String.join(", ", javaVersions), first.scale(),
                first.toleranceMs(), cells);
    }

    private static void same(String field, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            throw new IllegalArgumentException(field + ": shards disagree (" + expected + " and " + actual + ")");
        }
    }
}
