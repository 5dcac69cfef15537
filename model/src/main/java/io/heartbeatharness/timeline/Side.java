package io.heartbeatharness.timeline;

import java.util.Locale;

/** Which socket of a proxied connection an observation was made on (the {@code side} of a tap event). */
public enum Side {
    /** The accepted socket, facing whoever connected to the proxy. */
    CLIENT,
    /** The socket the proxy opened to its upstream. */
    SERVER;

    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wire;
    }

    /** The direction of bytes that this side sends into the proxy. */
    public Direction sends() {
        return this == CLIENT ? Direction.UPSTREAM : Direction.DOWNSTREAM;
    }

    public Side other() {
        return this == CLIENT ? SERVER : CLIENT;
    }
}
