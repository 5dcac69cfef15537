package io.heartbeatharness.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heartbeatharness.timeline.TimelineEvent;

import java.io.IOException;
import java.nio.file.Path;

/** Writes {@code index.json} (the run and one summary per cell) and {@code cells/<slug>.json} (with timelines). */
public final class JsonReport {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static void write(RunResult run, Path dir) throws IOException {
        ObjectNode index = JSON.createObjectNode();
        index.put("date", run.startedAt().toString());
        index.put("harness_version", run.harnessVersion());
        index.put("java_version", run.javaVersion());
        index.put("scale", run.scale());
        index.put("tolerance_ms", run.toleranceMs());
        ArrayNode cells = index.putArray("cells");
        for (CellResult cell : run.cells()) {
            ObjectNode summary = summary(cell);
            cells.add(summary);
            ObjectNode full = summary.deepCopy();
            ArrayNode events = full.putArray("timeline");
            for (TimelineEvent event : cell.timeline()) {
                ObjectNode e = events.addObject();
                e.put("mono_ns", event.monoNanos());
                e.put("wall_ms", event.wallMillis());
                e.put("source", event.source());
                e.put("type", event.type());
                e.set("data", JSON.valueToTree(event.data()));
            }
            AtomicFiles.write(dir.resolve("cells").resolve(cell.slug() + ".json"), JSON.writeValueAsString(full));
        }
        AtomicFiles.write(dir.resolve("index.json"), JSON.writeValueAsString(index));
    }

    static ObjectNode summary(CellResult cell) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", cell.slug());
        node.put("scenario", cell.scenario());
        node.put("requirement", cell.requirement());
        node.put("target", cell.target());
        node.put("backend", cell.backend());
        node.put("verdict", cell.verdict().name());
        node.put("message", cell.message());
        putNullable(node, "budget_ms", cell.budgetMs());
        node.put("budget_formula", cell.budgetFormula());
        putNullable(node, "detection_ms", cell.detectionMs());
        putNullable(node, "reconnect_ms", cell.reconnectMs());
        node.put("scale", cell.scale());
        node.put("tolerance_ms", cell.toleranceMs());
        node.put("repetitions", 1);
        node.put("elapsed_ms", cell.elapsedMs());
        node.put("page", "cells/" + cell.slug() + ".html");
        return node;
    }

    private static void putNullable(ObjectNode node, String field, Long value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
