package io.heartbeatharness.report;

import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.Distribution;
import io.heartbeatharness.result.MatrixCell;
import io.heartbeatharness.result.ReconnectSpread;
import io.heartbeatharness.result.RunResult;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.heartbeatharness.report.internal.Format;
import io.heartbeatharness.report.internal.SpreadChart;
import io.heartbeatharness.report.internal.TimelineChart;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TimelineEvent;
import io.heartbeatharness.verdict.Verdict;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders the self-contained HTML report: {@code index.html}, the matrix of scenarios × targets, and one page per
 * matrix cell ({@code cells/<id>.html}) with its timelines drawn against the budget. No script, font or style is
 * fetched from anywhere (a Content-Security-Policy forbids it), and every string that came from a target is
 * HTML-escaped by the templates.
 */
public final class HtmlReport {
    private static final Mustache.Compiler MUSTACHE = Mustache.compiler()
            .escapeHTML(true).defaultValue("").emptyStringIsFalse(true).zeroIsFalse(true).withLoader(HtmlReport::partial);
    private static final Template INDEX = template("index.mustache");
    private static final Template CELL = template("cell.mustache");

    /**
     * Above this many events in a cell (all runs together) only the decisive run gets an event table; the
     * others' events stay in the cell's JSON, so a repeated storm does not make a page of tens of megabytes.
     */
    static final int EVENT_TABLES_UP_TO = 2_000;
    /** When a run's table is cut to {@link #EVENT_TABLES_UP_TO} rows, this many come from before the fault. */
    static final int EVENT_ROWS_BEFORE_FAULT = 200;

    private HtmlReport() {
    }

    /** Writes {@code index.html} and every cell page into {@code dir}; returns the index's path. */
    public static Path write(RunResult run, Path dir) throws IOException {
        for (MatrixCell cell : run.matrix()) {
            AtomicFiles.write(dir.resolve("cells").resolve(cell.id() + ".html"), cellPage(run, cell));
        }
        Path index = dir.resolve("index.html");
        AtomicFiles.write(index, index(run));
        return index;
    }

    /** The matrix page. */
    static String index(RunResult run) {
        return INDEX.execute(indexModel(run));
    }

    /** The page of one matrix cell. */
    static String cellPage(RunResult run, MatrixCell cell) {
        return CELL.execute(cellModel(run, cell));
    }

    static Map<String, Object> indexModel(RunResult run) {
        List<MatrixCell> matrix = run.matrix();
        Map<String, Object> model = runModel(run);
        model.put("counts", counts(matrix));
        model.put("cell_count", matrix.size());
        model.put("run_count", run.cells().size());
        model.put("repeated", run.cells().size() > matrix.size());
        Set<String> backends = new TreeSet<>();
        matrix.forEach(c -> backends.add(c.backend()));
        model.put("backends", String.join(", ", backends));

        List<List<String>> columns = matrix.stream().map(c -> List.of(c.target(), c.backend())).distinct()
                .sorted(Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1))).toList();
        model.put("columns", columns.stream().map(k -> Map.of("target", k.get(0), "backend", k.get(1))).toList());
        Map<String, Map<List<String>, MatrixCell>> byScenario = new LinkedHashMap<>();
        for (MatrixCell cell : matrix) {
            byScenario.computeIfAbsent(cell.scenario(), s -> new LinkedHashMap<>())
                    .put(List.of(cell.target(), cell.backend()), cell);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        byScenario.forEach((scenario, cells) -> {
            MatrixCell any = cells.values().iterator().next();
            List<Map<String, Object>> row = new ArrayList<>();
            for (List<String> column : columns) {
                MatrixCell cell = cells.get(column);
                row.add(cell == null ? Map.of("present", false) : matrixCell(cell));
            }
            rows.add(Map.of("scenario", scenario, "requirement", nullToEmpty(any.requirement()),
                    "description", nullToEmpty(any.decisive().description()), "cells", row));
        });
        model.put("rows", rows);
        model.put("list", matrix.stream().map(HtmlReport::matrixCell).toList());
        return model;
    }

    private static Map<String, Object> runModel(RunResult run) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("date", Format.date(run.startedAt()));
        model.put("version", run.harnessVersion());
        model.put("java", run.javaVersion());
        model.put("scale", Format.plain(run.scale()));
        model.put("tolerance_ms", run.toleranceMs());
        return model;
    }

    private static List<Map<String, Object>> counts(List<MatrixCell> matrix) {
        List<Map<String, Object>> counts = new ArrayList<>();
        for (Verdict verdict : Verdict.values()) {
            long count = matrix.stream().filter(c -> c.verdict() == verdict).count();
            counts.add(Map.of("verdict", verdict.name(), "cls", cssClass(verdict), "count", count,
                    "zero", count == 0));
        }
        return counts;
    }

    /** What one matrix cell shows on the index: verdict word and colour, times against the budget, a link. */
    private static Map<String, Object> matrixCell(MatrixCell cell) {
        CellResult decisive = cell.decisive();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("present", true);
        m.put("id", cell.id());
        m.put("scenario", cell.scenario());
        m.put("requirement", nullToEmpty(cell.requirement()));
        m.put("target", cell.target());
        m.put("backend", cell.backend());
        m.put("verdict", cell.verdict().name());
        m.put("cls", cssClass(cell.verdict()));
        m.put("message", nullToEmpty(decisive.message()));
        m.put("href", "cells/" + cell.id() + ".html");
        m.put("json", "cells/" + cell.id() + JsonReport.CELL_SUFFIX);
        m.put("budget", Format.ms(decisive.budgetMs()));
        m.put("has_budget", decisive.budgetMs() != null);
        m.put("formula", nullToEmpty(decisive.budgetFormula()));
        m.put("detection", Format.ms(cell.detectionMs()));
        m.put("has_detection", cell.detectionMs() != null);
        m.put("reconnect", Format.ms(cell.reconnectMs()));
        m.put("has_reconnect", cell.reconnectMs() != null);
        m.put("repetitions", cell.repetitions().size());
        m.put("repeated", cell.repetitions().size() > 1);
        m.put("detection_p50", cell.detection().map(d -> d.p50() + " ms").orElse("—"));
        return m;
    }

    static Map<String, Object> cellModel(RunResult run, MatrixCell cell) {
        CellResult decisive = cell.decisive();
        Map<String, Object> m = runModel(run);
        m.putAll(matrixCell(cell));
        m.put("description", nullToEmpty(decisive.description()));
        m.put("expectation", nullToEmpty(decisive.expectation()));
        m.put("has_scenario_text", decisive.description() != null || decisive.expectation() != null);
        m.put("cell_scale", Format.plain(decisive.scale()));
        m.put("cell_tolerance_ms", decisive.toleranceMs());
        m.put("json", cell.id() + JsonReport.CELL_SUFFIX);
        // The journals of the runs whose timelines were kept: every event, as it was streamed while the cell ran.
        m.put("journals", cell.repetitions().stream().filter(r -> JournalFiles.recorded(r).isPresent())
                .map(r -> JournalFiles.keptName(cell, r)).toList());
        // Said in words: a verdict judged from the processes' own logs rests on what the target chose to report.
        m.put("evidence_kind", nullToEmpty(decisive.evidence()));
        List<Map<String, Object>> distributions = new ArrayList<>();
        distribution("detection", cell.detection(), decisive.budgetMs()).ifPresent(distributions::add);
        distribution("reconnect", cell.reconnect(), null).ifPresent(distributions::add);
        m.put("distributions", distributions);
        m.put("has_distributions", !distributions.isEmpty());
        List<Map<String, Object>> reps = new ArrayList<>();
        List<Map<String, Object>> runs = new ArrayList<>();
        int events = cell.repetitions().stream().mapToInt(r -> r.timeline().size()).sum();
        for (CellResult repetition : cell.repetitions()) {
            reps.add(Map.of("n", repetition.repetition(), "verdict", repetition.verdict().name(),
                    "cls", cssClass(repetition.verdict()), "detection", Format.ms(repetition.detectionMs()),
                    "reconnect", Format.ms(repetition.reconnectMs()), "elapsed", Format.ms(repetition.elapsedMs()),
                    "message", nullToEmpty(repetition.message())));
            boolean withEvents = repetition == decisive || events <= EVENT_TABLES_UP_TO;
            runs.add(runModel(repetition, repetition == decisive, cell.repetitions().size(), withEvents));
        }
        m.put("reps", reps);
        m.put("runs", runs);
        return m;
    }

    private static Optional<Map<String, Object>> distribution(String name, Optional<Distribution> distribution,
                                                              Long budget) {
        return distribution.map(d -> Map.of("name", name, "count", d.count(), "min", d.min() + " ms",
                "p50", d.p50() + " ms", "p95", d.p95() + " ms", "max", d.max() + " ms", "budget", Format.ms(budget)));
    }

    private static Map<String, Object> runModel(CellResult cell, boolean decisive, int of, boolean withEvents) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", cell.repetition());
        m.put("of", of);
        m.put("single", of == 1);
        m.put("open", decisive);
        m.put("verdict", cell.verdict().name());
        m.put("cls", cssClass(cell.verdict()));
        m.put("message", nullToEmpty(cell.message()));
        m.put("chart", TimelineChart.of(cell).map(List::of).orElse(List.of()));
        m.put("zoomed", TimelineChart.zoomOf(cell).map(List::of).orElse(List.of()));
        m.put("zoom_title", cell.reconnectMs() != null ? "Detection to reconnect, zoomed" : "Around the detection, zoomed");
        m.put("no_chart", cell.timeline().isEmpty());
        m.put("spread", ReconnectSpread.of(cell).map(spread -> spreadModel(spread, false)).map(List::of).orElse(List.of()));
        // Fleets: when each connection that had to be detected was closed; the same bins and chart as a storm's.
        m.put("detection_spread", cell.detectionOffsetsMs().size() < ReconnectSpread.MIN_RECONNECTS ? List.of()
                : List.of(spreadModel(new ReconnectSpread(cell.detectionOffsetsMs()), true)));
        long origin = cell.faultStartNs() != null ? cell.faultStartNs()
                : cell.timeline().stream().mapToLong(TimelineEvent::monoNanos).min().orElse(0);
        m.put("origin", cell.faultStartNs() != null ? "the fault's start" : "the first event");
        List<Map<String, Object>> rows = new ArrayList<>();
        Set<String> servers = new TreeSet<>();
        cell.timeline().stream().filter(e -> e.is(PeerEvents.LISTENING)).forEach(e -> servers.add(e.source()));
        m.put("events_elsewhere", !withEvents && !cell.timeline().isEmpty());
        cell.timeline().stream().filter(e -> withEvents)
                .sorted(Comparator.comparingLong(TimelineEvent::monoNanos)).forEach(e -> {
            String[] lane = TimelineChart.laneTitle(TimelineChart.laneOf(e), servers);
            rows.add(Map.of("t", Format.offset(e.monoNanos() - origin), "wall", Format.wall(e.wallMillis()),
                    "lane", lane[1].isEmpty() ? lane[0] : lane[0] + " (" + lane[1] + ")", "type", e.type(),
                    "details", TimelineChart.details(e),
                    "fault", e.source().equals(Sources.HARNESS) && e.type().startsWith("fault")));
        });
        int total = rows.size();
        List<Map<String, Object>> shown = rows;
        if (total > EVENT_TABLES_UP_TO) {
            // A fleet's run holds tens of thousands of events: the table shows those around the fault, the JSON all.
            long before = cell.timeline().stream().filter(e -> withEvents && e.monoNanos() < origin).count();
            int from = (int) Math.max(0, Math.min(before - EVENT_ROWS_BEFORE_FAULT, total - EVENT_TABLES_UP_TO));
            shown = rows.subList(from, from + EVENT_TABLES_UP_TO);
        }
        m.put("events_cut", total > shown.size() ? List.of(Map.of("shown", shown.size(), "total", total)) : List.of());
        m.put("events", shown);
        m.put("event_count", shown.size());
        return m;
    }

    private static Map<String, Object> spreadModel(ReconnectSpread spread, boolean detections) {
        Distribution d = spread.distribution();
        ReconnectSpread.Busiest busiest = spread.busiestWindow();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", detections ? "Detection spread" : "Reconnect spread");
        m.put("noun", detections ? "detections" : "reconnects");
        m.put("legend", detections ? "Detections" : "Reconnects");
        m.put("fault", detections ? "fault" : "kill");
        // The busiest 10 ms window is the storm's SHOULD; for detections it says nothing.
        m.put("busiest_line", !detections);
        m.put("count", spread.count());
        m.put("min", d.min());
        m.put("p50", d.p50());
        m.put("p95", d.p95());
        m.put("max", d.max());
        m.put("window_ms", ReconnectSpread.WINDOW_MS);
        m.put("busiest", busiest.count());
        m.put("busiest_at", busiest.startMs());
        m.put("busiest_share", String.format(Locale.ROOT, "%.1f", 100.0 * busiest.count() / spread.count()));
        m.put("svg", SpreadChart.of(spread));
        return m;
    }

    static String cssClass(Verdict verdict) {
        return verdict.name().toLowerCase(Locale.ROOT);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static Reader partial(String name) {
        return new StringReader(load(name + ".mustache"));
    }

    private static Template template(String name) {
        return MUSTACHE.compile(load(name));
    }

    private static String load(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("template missing from the jar: " + name);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                StringBuilder text = new StringBuilder();
                char[] buffer = new char[8192];
                for (int n; (n = reader.read(buffer)) > 0; ) {
                    text.append(buffer, 0, n);
                }
                return text.toString();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
