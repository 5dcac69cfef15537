package io.heartbeatharness.reference.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heartbeatharness.time.Mono;

import java.io.PrintStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Where a reference implementation reports what it does: one JSON object per line, with the event name,
 * monotonic nanoseconds ({@code mono_ns}) and wall-clock milliseconds ({@code wall_ms}).
 */
public final class EventLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Consumer<String> sink;

    public EventLog(Consumer<String> sink) {
        this.sink = sink;
    }

    /**
     * Events written to {@code out} by a writer thread of their own: the instant is taken when the event happens,
     * so an event loop never waits on a full pipe (a client holding hundreds of connections would otherwise be
     * serialised by its own logging). Flushed whenever the queue runs empty, so readiness is seen at once.
     */
    public static EventLog to(PrintStream out) {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Thread writer = new Thread(() -> {
            try {
                while (true) {
                    out.println(queue.take());
                    if (queue.isEmpty()) {
                        out.flush();
                    }
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }, "event-log-writer");
        writer.setDaemon(true);
        writer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            String line;
            while ((line = queue.poll()) != null) {
                out.println(line);
            }
            out.flush();
        }, "event-log-drain"));
        return new EventLog(queue::add);
    }

    /** Writes one event; {@code keyValues} alternate names and values (strings, numbers, booleans). */
    public void emit(String event, Object... keyValues) {
        ObjectNode node = JSON.createObjectNode();
        node.put("event", event);
        node.put("mono_ns", Mono.now());
        node.put("wall_ms", System.currentTimeMillis());
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            String key = keyValues[i].toString();
            if (value == null) {
                continue;
            } else if (value instanceof Integer v) {
                node.put(key, v);
            } else if (value instanceof Long v) {
                node.put(key, v);
            } else if (value instanceof Boolean v) {
                node.put(key, v);
            } else {
                node.put(key, value.toString());
            }
        }
        try {
            sink.accept(JSON.writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
