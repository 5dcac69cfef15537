package io.heartbeatharness.bench;

import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.Distribution;
import io.heartbeatharness.run.CellRunner;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.scenario.fleet.FleetFrozenSubset;
import io.heartbeatharness.timeline.TimelineEvent;
import io.heartbeatharness.verdict.Verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The largest fleet this machine judges exactly: {@code fleet/frozen-subset} against the seed design's server at
 * growing N ({@code -Dbench.fleet.sizes}, ascending), stopping at the first N that does not PASS — a wrong verdict
 * against a correct server, or an ERROR such as the open-file limit — and then, at the largest N that passed, against
 * the server that never closes, which must FAIL. Run with
 * {@code mvn -B -pl scenarios -am -Pbench -DskipTests verify -Dbench.proxy.skip=true -Dbench.run=fleet}.
 */
final class FleetBench {
    static final String SIZES = "5000,7500,9500,10000";

    private FleetBench() {
    }

    /** What ended connections in a run that did not pass: closes by side and cause, and process exits. */
    private static Map<String, Long> whyNot(CellResult cell) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (TimelineEvent e : cell.timeline()) {
            String key = switch (e.type()) {
                case "fin", "rst", "proxy-close" -> e.type() + " " + e.str("side")
                        + (e.str("cause") == null ? "" : " (" + e.str("cause") + ")");
                case "connect-failed", "peer-dead", "process-exit" -> e.source() + " " + e.type()
                        + (e.str("reason") == null ? "" : " (" + e.str("reason") + ")")
                        + (e.str("cause") == null ? "" : " (" + e.str("cause") + ")");
                default -> null;
            };
            if (key != null) {
                counts.merge(key.replaceAll("peer-\\d+", "peer-*"), 1L, Long::sum);
            }
        }
        return counts;
    }

    static Map<String, Object> run() {
        Target server = ReferenceTargets.select(List.of("ws-json server")).get(0);
        List<Map<String, Object>> runs = new ArrayList<>();
        Integer largest = null;
        for (int n : Arrays.stream(System.getProperty("bench.fleet.sizes", SIZES).split(","))
                .map(String::trim).mapToInt(Integer::parseInt).toArray()) {
            Map<String, Object> row = runOnce(server, n);
            runs.add(row);
            if (!Verdict.PASS.name().equals(row.get("verdict"))) {
                break;
            }
            largest = n;
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("target", server.name());
        figures.put("scale", RunDefaults.CI_SCALE.factor());
        figures.put("processes", FleetFrozenSubset.PROCESSES);
        figures.put("runs", runs);
        if (largest != null) {
            // Exact means both ways: at that size a server that never closes must still FAIL.
            Target neverClose = ReferenceTargets.select(List.of("ws-json server (never-close)")).get(0);
            Map<String, Object> knownBad = runOnce(neverClose, largest);
            figures.put("known_bad_at_largest", knownBad);
            if (!Verdict.FAIL.name().equals(knownBad.get("verdict"))) {
                largest = null;
            }
        }
        figures.put("largest_exact_n", largest);
        System.out.println("fleet: largest N judged exactly (a correct server PASSes, a never-closing one FAILs): "
                + largest);
        return figures;
    }

    private static Map<String, Object> runOnce(Target target, int n) {
        String load = Machine.loadAverage();
        CellResult cell = new CellRunner(RunDefaults.CI_SCALE, Tolerance.DEFAULT).run(new FleetFrozenSubset(n), target);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("target", target.name());
        row.put("connections", n);
        row.put("verdict", cell.verdict().name());
        row.put("cell_ms", cell.elapsedMs());
        row.put("timeline_events", cell.timeline().size());
        row.put("budget_ms", cell.budgetMs());
        Distribution.of(cell.detectionOffsetsMs()).ifPresent(d -> row.put("detection_ms",
                Map.of("count", d.count(), "min", d.min(), "p50", d.p50(), "p95", d.p95(), "max", d.max())));
        row.put("load_average_before", load);
        row.put("message", cell.message());
        System.out.printf("fleet N = %d [%s]: %s in %.1f s, %d events: %s%n", n, target.name(), cell.verdict(),
                cell.elapsedMs() / 1e3, cell.timeline().size(), cell.message());
        if (cell.verdict() == Verdict.ERROR) {
            row.put("why", whyNot(cell));
            System.out.println("fleet N = " + n + ": what ended connections: " + row.get("why"));
        }
        return row;
    }
}
