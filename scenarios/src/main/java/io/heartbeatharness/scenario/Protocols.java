package io.heartbeatharness.scenario;

/** What the harness needs to know about a heartbeat protocol to decide which scenarios mean anything for it. */
public final class Protocols {
    private Protocols() {
    }

    /** Whether the protocol has application-level heartbeats (TCP keepalive has none and cannot see past a proxy). */
    public static boolean hasAppHeartbeat(String protocol) {
        return !"tcp-keepalive".equals(protocol);
    }

    /**
     * Whether the server drives the heartbeat (it pings, the client only answers): then a client's traffic stops
     * as soon as the server's pings stop reaching it, and the server stops hearing the client too.
     */
    public static boolean serverDriven(String protocol) {
        return "ws-json".equals(protocol) || "ws-control".equals(protocol);
    }

    /**
     * Whether an implementation logs {@code connected} only once its peer has answered (the WebSocket handshake), so
     * the event proves bytes crossed both ways; a plain TCP protocol logs it as soon as the socket connects.
     */
    public static boolean connectedAfterHandshake(String protocol) {
        return protocol.startsWith("ws-");
    }
}
