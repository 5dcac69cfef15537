package io.heartbeatharness.report;

import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.Distribution;
import io.heartbeatharness.result.MatrixCell;
import io.heartbeatharness.result.RunResult;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heartbeatharness.timeline.TimelineEvent;
import io.heartbeatharness.verdict.Verdict;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The report's data: {@code index.json} (the run, summary counts and one entry per matrix cell, with its
 * repetitions) and {@code cells/<id>.json.gz} (each matrix cell with every repetition's full timeline, where the run
 * keeps it: {@link KeepTimelines}). The HTML
 * pages are rendered from these files ({@link ReportWriter}), and {@link #read} turns them back into the
 * {@link RunResult} they came from.
 */
public final class JsonReport {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** A cell's file holds every event of its timelines: no indentation, and gzip (fleets are tens of megabytes raw). */
    private static final ObjectWriter COMPACT = JSON.writer().without(SerializationFeature.INDENT_OUTPUT);
    /** What a cell's file name ends with; {@link #read} also takes the plain {@code .json} of older reports. */
    public static final String CELL_SUFFIX = ".json.gz";
    /** Cell ids become file names; anything else in an index read back is refused. */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private JsonReport() {
    }

    /** Like {@link #write(RunResult, Path, KeepTimelines)}, keeping the timelines of the cells that did not PASS. */
    public static Path write(RunResult run, Path dir) throws IOException {
        return write(run, dir, KeepTimelines.FAILED);
    }

    /**
     * Writes {@code index.json} and {@code cells/<id>.json.gz} (compact JSON, gzipped) into {@code dir}, with the
     * timelines {@code keep} says; returns the index's path.
     */
    public static Path write(RunResult run, Path dir, KeepTimelines keep) throws IOException {
        ObjectNode index = JSON.createObjectNode();
        index.put("date", run.startedAt().toString());
        index.put("harness_version", run.harnessVersion());
        index.put("java_version", run.javaVersion());
        index.put("scale", run.scale());
        index.put("tolerance_ms", run.toleranceMs());
        List<MatrixCell> matrix = run.matrix();
        ObjectNode summary = index.putObject("summary");
        for (Verdict verdict : Verdict.values()) {
            summary.put(verdict.name(), matrix.stream().filter(c -> c.verdict() == verdict).count());
        }
        summary.put("cells", matrix.size());
        summary.put("runs", run.cells().size());
        ArrayNode cells = index.putArray("cells");
        for (MatrixCell cell : matrix) {
            ObjectNode entry = summary(cell);
            ObjectNode full = entry.deepCopy();
            ArrayNode indexRuns = entry.putArray("runs");
            ArrayNode fullRuns = full.putArray("runs");
            for (CellResult repetition : cell.repetitions()) {
                ObjectNode brief = run(repetition);
                indexRuns.add(brief);
                ObjectNode detailed = brief.deepCopy();
                ArrayNode offsets = detailed.putArray("reconnect_offsets_ms");
                repetition.reconnectOffsetsMs().forEach(offsets::add);
                ArrayNode detections = detailed.putArray("detection_offsets_ms");
                repetition.detectionOffsetsMs().forEach(detections::add);
                putNullable(detailed, "fault_start_ns", repetition.faultStartNs());
                if (keep.keeps(cell)) {
                    detailed.set("timeline", timeline(repetition.timeline()));
                }
                fullRuns.add(detailed);
            }
            entry.put("timeline_kept", keep.keeps(cell));
            cells.add(entry);
            AtomicFiles.write(dir.resolve("cells").resolve(cell.id() + CELL_SUFFIX), gzip(COMPACT.writeValueAsBytes(full)));
        }
        Path path = dir.resolve("index.json");
        AtomicFiles.write(path, JSON.writeValueAsString(index));
        return path;
    }

    /** A matrix cell as {@code index.json} lists it: the worst verdict, the slowest times, distributions. */
    static ObjectNode summary(MatrixCell cell) {
        CellResult decisive = cell.decisive();
        ObjectNode node = JSON.createObjectNode();
        node.put("id", cell.id());
        node.put("scenario", cell.scenario());
        node.put("requirement", cell.requirement());
        node.put("description", decisive.description());
        node.put("expectation", decisive.expectation());
        node.put("target", cell.target());
        node.put("backend", cell.backend());
        if (decisive.evidence() != null) {
            node.put("evidence", decisive.evidence());
        }
        node.put("verdict", cell.verdict().name());
        node.put("message", decisive.message());
        putNullable(node, "budget_ms", decisive.budgetMs());
        node.put("budget_formula", decisive.budgetFormula());
        putNullable(node, "detection_ms", cell.detectionMs());
        putNullable(node, "reconnect_ms", cell.reconnectMs());
        node.put("scale", decisive.scale());
        node.put("tolerance_ms", decisive.toleranceMs());
        node.put("repetitions", cell.repetitions().size());
        putDistribution(node, "detection", cell.detection());
        putDistribution(node, "reconnect", cell.reconnect());
        node.put("page", "cells/" + cell.id() + ".html");
        node.put("json", "cells/" + cell.id() + CELL_SUFFIX);
        return node;
    }

    private static ObjectNode run(CellResult cell) {
        ObjectNode node = JSON.createObjectNode();
        node.put("repetition", cell.repetition());
        node.put("verdict", cell.verdict().name());
        node.put("message", cell.message());
        putNullable(node, "budget_ms", cell.budgetMs());
        node.put("budget_formula", cell.budgetFormula());
        putNullable(node, "detection_ms", cell.detectionMs());
        putNullable(node, "reconnect_ms", cell.reconnectMs());
        node.put("scale", cell.scale());
        node.put("tolerance_ms", cell.toleranceMs());
        node.put("elapsed_ms", cell.elapsedMs());
        if (!cell.detectionOffsetsMs().isEmpty()) {
            // Fleets: the spread of detection over their connections (the run's detection_ms is the slowest).
            putDistribution(node, "connection_detection", Distribution.of(cell.detectionOffsetsMs()));
        }
        return node;
    }

    private static ArrayNode timeline(List<TimelineEvent> events) {
        ArrayNode array = JSON.createArrayNode();
        for (TimelineEvent event : events) {
            ObjectNode e = array.addObject();
            e.put("mono_ns", event.monoNanos());
            e.put("wall_ms", event.wallMillis());
            e.put("source", event.source());
            e.put("type", event.type());
            // Sorted keys: the event's map has no stable order, the file must have one.
            e.set("data", JSON.valueToTree(new TreeMap<>(event.data())));
        }
        return array;
    }

    private static void putDistribution(ObjectNode node, String field, Optional<Distribution> distribution) {
        if (distribution.isEmpty()) {
            node.putNull(field);
            return;
        }
        Distribution d = distribution.get();
        ObjectNode o = node.putObject(field);
        o.put("count", d.count());
        o.put("min", d.min());
        o.put("p50", d.p50());
        o.put("p95", d.p95());
        o.put("max", d.max());
    }

    private static void putNullable(ObjectNode node, String field, Long value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    /**
     * Reads a report directory written by {@link #write} back into the run it came from: every repetition of
     * every cell, with its timeline.
     *
     * @throws IOException when {@code index.json} or a cell file is missing or malformed
     */
    public static RunResult read(Path dir) throws IOException {
        Path indexPath = dir.resolve("index.json");
        JsonNode index = readTree(indexPath);
        List<CellResult> cells = new ArrayList<>();
        for (JsonNode entry : required(index, "cells", indexPath)) {
            String id = text(required(entry, "id", indexPath));
            if (id == null || !ID.matcher(id).matches()) {
                throw new IOException(indexPath + ": cell id " + id + " is not a file-name-safe id");
            }
            Path cellPath = dir.resolve("cells").resolve(id + CELL_SUFFIX);
            if (!Files.exists(cellPath) && Files.exists(dir.resolve("cells").resolve(id + ".json"))) {
                cellPath = dir.resolve("cells").resolve(id + ".json");
            }
            JsonNode cell = readTree(cellPath);
            for (JsonNode run : required(cell, "runs", cellPath)) {
                cells.add(cellResult(cell, run, cellPath));
            }
        }
        return new RunResult(Instant.parse(text(required(index, "date", indexPath))),
                text(index.get("harness_version")), text(index.get("java_version")),
                required(index, "scale", indexPath).asDouble(), required(index, "tolerance_ms", indexPath).asLong(),
                cells);
    }

    private static CellResult cellResult(JsonNode cell, JsonNode run, Path file) throws IOException {
        List<Long> offsets = new ArrayList<>();
        for (JsonNode offset : run.path("reconnect_offsets_ms")) {
            offsets.add(offset.asLong());
        }
        List<Long> detections = new ArrayList<>();
        for (JsonNode offset : run.path("detection_offsets_ms")) {
            detections.add(offset.asLong());
        }
        List<TimelineEvent> timeline = new ArrayList<>();
        for (JsonNode event : run.path("timeline")) {
            Map<String, Object> data = new LinkedHashMap<>();
            JSON.convertValue(event.path("data"), new TypeReference<Map<String, Object>>() {
            }).forEach((key, value) -> {
                if (value != null) {
                    data.put(key, value);
                }
            });
            timeline.add(new TimelineEvent(event.path("mono_ns").asLong(), event.path("wall_ms").asLong(),
                    text(required(event, "source", file)), text(required(event, "type", file)), data));
        }
        Verdict verdict;
        try {
            verdict = Verdict.valueOf(text(required(run, "verdict", file)));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": unknown verdict " + run.get("verdict"), e);
        }
        return new CellResult(text(required(cell, "scenario", file)), text(cell.get("requirement")),
                text(required(cell, "target", file)), text(required(cell, "backend", file)), verdict,
                text(run.get("message")), longOrNull(run.get("budget_ms")), text(run.get("budget_formula")),
                longOrNull(run.get("detection_ms")), longOrNull(run.get("reconnect_ms")), run.path("scale").asDouble(),
                run.path("tolerance_ms").asLong(), longOrNull(run.get("fault_start_ns")),
                run.path("elapsed_ms").asLong(), timeline, run.path("repetition").asInt(1), offsets,
                text(cell.get("description")), text(cell.get("expectation")), detections);
    }

    /** A report file as JSON, gunzipped when its name ends with {@code .gz}. */
    static JsonNode readTree(Path file) throws IOException {
        try {
            if (file.getFileName().toString().endsWith(".gz")) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    return JSON.readTree(in);
                }
            }
            return JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IOException("not a report directory: " + file + " is missing", e);
        }
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 8 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(raw);
        }
        return out.toByteArray();
    }

    private static JsonNode required(JsonNode node, String field, Path file) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IOException(file + ": field " + field + " is missing");
        }
        return value;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Long longOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asLong();
    }
}
