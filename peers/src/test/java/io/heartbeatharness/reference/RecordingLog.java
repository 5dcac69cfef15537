package io.heartbeatharness.reference;

import io.heartbeatharness.reference.common.EventLog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link EventLog} that keeps its lines for assertions. */
public final class RecordingLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final EventLog log = new EventLog(lines::add);

    public EventLog log() {
        return log;
    }

    public List<String> events() {
        return lines.stream().map(RecordingLog::eventOf).toList();
    }

    /** Every event named {@code event}, oldest first. */
    public List<JsonNode> all(String event) {
        return lines.stream().filter(line -> eventOf(line).equals(event)).map(RecordingLog::parse).toList();
    }

    public long count(String event) {
        return all(event).size();
    }

    public JsonNode last(String event) {
        List<JsonNode> found = all(event);
        return found.isEmpty() ? null : found.get(found.size() - 1);
    }

    private static String eventOf(String line) {
        return parse(line).get("event").asText();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
