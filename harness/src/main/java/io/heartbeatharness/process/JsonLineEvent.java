package io.heartbeatharness.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heartbeatharness.timeline.TimelineEvent;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A line of a process's stdout read as a timeline event: a JSON object with {@code event}, {@code mono_ns}, maybe
 * {@code wall_ms}, and its details as the other fields.
 */
final class JsonLineEvent {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLineEvent() {
    }

    /** The event {@code line} states, with {@code source} as its source; empty for any other line. */
    static Optional<TimelineEvent> parse(String line, String source) {
        if (!line.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(line);
            if (!node.hasNonNull("event") || !node.hasNonNull("mono_ns")) {
                return Optional.empty();
            }
            Map<String, Object> data = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey();
                if (key.equals("event") || key.equals("mono_ns") || key.equals("wall_ms")) {
                    continue;
                }
                JsonNode value = field.getValue();
                data.put(key, value.isIntegralNumber() ? value.longValue()
                        : value.isBoolean() ? value.booleanValue() : value.asText());
            }
            return Optional.of(new TimelineEvent(node.get("mono_ns").asLong(), node.path("wall_ms").asLong(),
                    source, node.get("event").asText(), data));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
