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
}
