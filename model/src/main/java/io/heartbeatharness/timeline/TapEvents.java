package io.heartbeatharness.timeline;

/**
 * The event types the proxy tap writes (source {@link Sources#PROXY}); every event carries {@code conn}, the
 * connection id.
 *
 * <p>Instants are monotonic nanoseconds ({@link io.heartbeatharness.time.Mono}), taken on the proxy's event loop
 * the moment the socket event is handled. One {@link #BYTES} event is written per chunk read from a socket.
 */
public final class TapEvents {
    /** A client connected to the proxy; data: conn, client_port. */
    public static final String ACCEPT = "accept";
    /** The proxy's connection to the upstream is established; data: conn, local_port (the upstream sees it). */
    public static final String CONNECT = "connect";
    /** The upstream could not be reached; data: conn, cause. */
    public static final String CONNECT_FAILED = "connect-failed";
    /** Bytes read from one side; data: conn, direction, bytes, dropped (true when a fault swallowed them). */
    public static final String BYTES = "bytes";
    /**
     * A WebSocket Close frame one side sent, read from the bytes as they passed (even when a fault then dropped them);
     * data: conn, side (the sender), direction, frame ({@code close}), code (its status, if any), dropped.
     */
    public static final String WS_FRAME = "ws-frame";
    /** One side closed its socket in an orderly way; data: conn, side. */
    public static final String FIN = "fin";
    /** One side reset its socket; data: conn, side. */
    public static final String RST = "rst";
    /**
     * The proxy closed a side itself (a fault, a toxic, or relaying the other side's close); data: conn, side,
     * cause, rst (true when it reset the socket rather than closing it).
     */
    public static final String PROXY_CLOSE = "proxy-close";
    /** A NAT idle expiry forgot the connection: from now on its bytes and closes vanish; data: conn, idle_ms. */
    public static final String NAT_EXPIRED = "nat-expired";

    /**
     * The proxy's event loop did not run from {@code from_ns} until this event's instant ({@code stalled_ms}): stamps
     * taken then are late by up to that much. It proves it runs every {@code period_ms}, so it may have stopped up to
     * that long before {@code from_ns}. The only event without a conn: a stall concerns every connection.
     */
    public static final String STALL = "stall";

    private TapEvents() {
    }
}
