package io.heartbeatharness.proxy;

/** Which way bytes flow through the proxy, named as Toxiproxy names its streams. */
public enum Direction {
    /** client → server. */
    UPSTREAM,
    /** server → client. */
    DOWNSTREAM;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
