package io.heartbeatharness.timeline;

/**
 * The event types a heartbeat process writes to its JSON-lines log (source: the process's name, which starts with
 * {@link Sources#TARGET} or {@link Sources#PEER}); the reference implementations write them all, and a target that
 * writes them gives the judges a second witness beside the proxy's tap.
 */
public final class PeerEvents {
    /** A server is ready; data: port. */
    public static final String LISTENING = "listening";
    /** A client starts a connection attempt (the first one, or one a backoff delay led to). */
    public static final String CONNECTING = "connecting";
    public static final String CONNECTED = "connected";
    public static final String RECONNECTED = "reconnected";
    public static final String PING_SENT = "ping-sent";
    public static final String PING_RECEIVED = "ping-received";
    public static final String PONG_SENT = "pong-sent";
    public static final String PONG_RECEIVED = "pong-received";
    public static final String PEER_DEAD = "peer-dead";
    public static final String CLOSED = "closed";
    public static final String RECONNECT_SCHEDULED = "reconnect-scheduled";
    public static final String CONNECT_FAILED = "connect-failed";

    private PeerEvents() {
    }
}
