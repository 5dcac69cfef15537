package io.heartbeatharness.timeline;

import java.util.Locale;
import java.util.Optional;

/** Which way bytes flow through the proxy, named as Toxiproxy names its streams. */
public enum Direction {
    /** client → server. */
    UPSTREAM,
    /** server → client. */
    DOWNSTREAM;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** {@code upstream} or {@code downstream}, as in Toxiproxy's {@code stream} field. */
    public String wireName() {
        return wire;
    }

    /** The side that sends the bytes flowing this way. */
    public Side sender() {
        return this == UPSTREAM ? Side.CLIENT : Side.SERVER;
    }

    /** The side whose socket the bytes flowing this way are written to. */
    public Side receiver() {
        return sender().other();
    }

    /** Parses a Toxiproxy stream name, ignoring case as Toxiproxy does. */
    public static Optional<Direction> parse(String stream) {
        if (stream == null) {
            return Optional.empty();
        }
        return switch (stream.toLowerCase(Locale.ROOT)) {
            case "upstream" -> Optional.of(UPSTREAM);
            case "downstream" -> Optional.of(DOWNSTREAM);
            default -> Optional.empty();
        };
    }
}
