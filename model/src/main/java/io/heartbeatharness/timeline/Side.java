package io.heartbeatharness.timeline;

import java.util.Locale;

/**
 * Server or client: the role of a target or a peer, and on the proxy's tap the socket of a connection an observation
 * was made on (the {@code side} of a tap event), which faces that end.
 */
public enum Side {
    /** The end that connects; on the tap, the accepted socket, facing whoever connected to the proxy. */
    CLIENT,
    /** The end that accepts; on the tap, the socket the proxy opened to its upstream. */
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
