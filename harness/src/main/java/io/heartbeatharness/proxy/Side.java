package io.heartbeatharness.proxy;

/** Which socket of a proxied connection an observation was made on. */
public enum Side {
    /** The accepted socket, facing whoever connected to the proxy. */
    CLIENT,
    /** The socket the proxy opened to its upstream. */
    SERVER;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The direction of bytes that this side sends into the proxy. */
    public Direction sends() {
        return this == CLIENT ? Direction.UPSTREAM : Direction.DOWNSTREAM;
    }
}
