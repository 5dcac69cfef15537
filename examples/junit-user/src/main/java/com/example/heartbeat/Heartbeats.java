package com.example.heartbeat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The heartbeat messages: {@code {"type":"ping"}} and {@code {"type":"pong"}} text frames. */
final class Heartbeats {
    static final String PING = "{\"type\":\"ping\"}";
    static final String PONG = "{\"type\":\"pong\"}";
    /** Close code a server sends when a client's pong is late (4000–4999: for applications, RFC 6455 §7.4.2). */
    static final int TIMEOUT_CLOSE_CODE = 4000;
    static final String TIMEOUT_CLOSE_REASON = "heartbeat timeout";

    // A regex instead of a JSON library: the heartbeat needs only the "type" field.
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]*)\"");

    private Heartbeats() {
    }

    /** The message's {@code type}, or {@code ""} when it has none. */
    static String typeOf(String text) {
        Matcher m = TYPE.matcher(text);
        return m.find() ? m.group(1) : "";
    }
}
