package io.heartbeatharness.report;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.heartbeatharness.verdict.Verdict;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the self-contained HTML report ({@code index.html}) from a {@link RunResult}: no script, font or
 * style is fetched from anywhere, and every string that came from a target is HTML-escaped by the template.
 */
public final class HtmlReport {
    private static final Mustache.Compiler MUSTACHE = Mustache.compiler().defaultValue("").escapeHTML(true);
    private static final Template INDEX = template("index.mustache");

    private HtmlReport() {
    }

    /** Writes {@code index.html} into {@code dir} and returns its path. */
    public static Path write(RunResult run, Path dir) throws IOException {
        Path index = dir.resolve("index.html");
        AtomicFiles.write(index, INDEX.execute(model(run)));
        return index;
    }

    static Map<String, Object> model(RunResult run) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("date", run.startedAt().toString());
        model.put("version", run.harnessVersion());
        model.put("java", run.javaVersion());
        model.put("scale", run.scale());
        model.put("tolerance_ms", run.toleranceMs());
        List<Map<String, Object>> counts = new ArrayList<>();
        for (Verdict verdict : Verdict.values()) {
            counts.add(Map.of("verdict", verdict.name(), "count", run.count(verdict)));
        }
        model.put("counts", counts);
        List<Map<String, Object>> cells = new ArrayList<>();
        for (CellResult cell : run.cells()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scenario", cell.scenario());
            row.put("requirement", cell.requirement());
            row.put("target", cell.target());
            row.put("backend", cell.backend());
            row.put("verdict", cell.verdict().name());
            row.put("verdict_class", cell.verdict().name().toLowerCase(java.util.Locale.ROOT));
            row.put("message", cell.message());
            row.put("budget", cell.budgetMs() == null ? "—" : cell.budgetMs() + " ms");
            row.put("formula", cell.budgetFormula());
            row.put("detection", cell.detectionMs() == null ? "—" : cell.detectionMs() + " ms");
            row.put("reconnect", cell.reconnectMs() == null ? "—" : cell.reconnectMs() + " ms");
            row.put("json", "cells/" + cell.slug() + ".json");
            cells.add(row);
        }
        model.put("cells", cells);
        return model;
    }

    private static Template template(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("template missing from the jar: " + name);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return MUSTACHE.compile(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
