package io.heartbeatharness.report;

import java.time.Instant;
import java.util.List;

/**
 * One run of the harness: when, with what, and every cell it produced.
 *
 * @param startedAt      wall-clock start of the run
 * @param harnessVersion version of the harness
 * @param javaVersion    version of the JVM that ran it
 * @param scale          time scale
 * @param toleranceMs    tolerance included in every budget
 * @param cells          the cells, in the order they were run
 */
public record RunResult(Instant startedAt, String harnessVersion, String javaVersion, double scale, long toleranceMs,
                        List<CellResult> cells) {

    public RunResult {
        cells = List.copyOf(cells);
    }

    public boolean failed() {
        return cells.stream().anyMatch(c -> c.verdict().failsRun());
    }

    public long count(io.heartbeatharness.verdict.Verdict verdict) {
        return cells.stream().filter(c -> c.verdict() == verdict).count();
    }
}
