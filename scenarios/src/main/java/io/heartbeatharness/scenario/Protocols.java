package io.heartbeatharness.scenario;

import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.Design;

/** What the harness needs to know about a heartbeat protocol to decide which scenarios mean anything for it. */
public final class Protocols {
    private Protocols() {
    }

    /** Whether the protocol has application-level heartbeats (TCP keepalive has none and cannot see past a proxy). */
    public static boolean hasAppHeartbeat(String protocol) {
        return !"tcp-keepalive".equals(protocol);
    }

    /**
     * The heartbeat model a target of {@code protocol} has unless its spec says otherwise: the reference design's of
     * that name, detecting by sweep exactly when a sweep period is declared.
     */
    public static HeartbeatModel defaultModel(String protocol, HeartbeatParams params) {
        HeartbeatModel model = Design.parse(protocol).model();
        boolean sweeps = !params.sweepPeriod().isZero();
        if (sweeps) {
            return model.withDetection(HeartbeatModel.Detection.SWEEP);
        }
        return model.detection() == HeartbeatModel.Detection.SWEEP ? model.withDetection(HeartbeatModel.Detection.DEADLINE) : model;
    }

    /**
     * Whether an implementation logs {@code connected} only once its peer has answered (the WebSocket handshake, MQTT's
     * CONNACK), so
     * the event proves bytes crossed both ways; a plain TCP protocol logs it as soon as the socket connects.
     */
    public static boolean connectedAfterHandshake(String protocol) {
        return webSocket(protocol) || mqtt(protocol);
    }

    /** Whether the protocol runs over a WebSocket (an HTTP upgrade on a path), which an HTTP proxy such as nginx carries. */
    public static boolean webSocket(String protocol) {
        return protocol.startsWith("ws-") || "socket.io".equals(protocol);
    }

    /**
     * Whether the server tells the client the heartbeat it keeps, and the client times its silence by that: Engine.IO's
     * open packet carries pingInterval and pingTimeout. A peer server must then announce the target's own figures.
     */
    public static boolean serverAnnouncesHeartbeat(String protocol) {
        return "socket.io".equals(protocol);
    }

    /** Whether the heartbeat interval travels in whole seconds (MQTT's Keep Alive in CONNECT). */
    public static boolean keepAliveInWholeSeconds(String protocol) {
        return mqtt(protocol);
    }

    /** MQTT 3.1.1 ({@code mqtt}) or MQTT 5 ({@code mqtt5}). */
    public static boolean mqtt(String protocol) {
        return "mqtt".equals(protocol) || "mqtt5".equals(protocol);
    }

    /** Whether the broker may answer the client's Keep Alive with one of its own, which both then keep (MQTT 5). */
    public static boolean serverMayOverrideKeepAlive(String protocol) {
        return "mqtt5".equals(protocol);
    }

    /** The path a peer opens when a target names none: socket.io's own, {@code /ws} for the others. */
    public static String defaultPath(String protocol) {
        return "socket.io".equals(protocol) ? "/socket.io/" : "/ws";
    }
}
