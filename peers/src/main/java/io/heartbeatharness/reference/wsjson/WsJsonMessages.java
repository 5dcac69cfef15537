package io.heartbeatharness.reference.wsjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The ws-json wire format: {@code {"type":"ping"}} and {@code {"type":"pong"}} text frames (seed 000). */
final class WsJsonMessages {
    static final String PING = "{\"type\":\"ping\"}";
    static final String PONG = "{\"type\":\"pong\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WsJsonMessages() {
    }

    /** The {@code type} of a text frame, or {@code null} when it is not a JSON object with one. */
    static String typeOf(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            JsonNode type = node == null ? null : node.get("type");
            return type == null ? null : type.asText();
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
