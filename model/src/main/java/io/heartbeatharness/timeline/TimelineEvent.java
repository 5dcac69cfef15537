package io.heartbeatharness.timeline;

import java.util.Map;
import java.util.Objects;

/**
 * One timestamped observation of a cell: who saw it ({@code source}), what it was ({@code type}) and details.
 *
 * @param monoNanos monotonic nanoseconds (see {@link io.heartbeatharness.time.Mono})
 * @param wallMillis wall-clock milliseconds since the epoch, for humans only; never used for judging
 * @param source    {@code proxy}, {@code harness}, or the name of the process that printed it
 * @param type      event type, e.g. {@code accept}, {@code fin}, {@code closed}, {@code sigstop}
 * @param data      details such as the connection id, the side, a close code; values are strings or numbers
 */
public record TimelineEvent(long monoNanos, long wallMillis, String source, String type, Map<String, Object> data) {

    public TimelineEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    public String str(String key) {
        Object value = data.get(key);
        return value == null ? null : value.toString();
    }

    public boolean is(String expectedType) {
        return type.equals(expectedType);
    }
}
