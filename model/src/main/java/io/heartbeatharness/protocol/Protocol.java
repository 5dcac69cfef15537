package io.heartbeatharness.protocol;

import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatParams;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A wire protocol whose heartbeats the harness checks, named as specs and the command line name it, with what the
 * harness must know about it: what carries its frames, who may ping, whether connecting involves a handshake.
 */
public enum Protocol {
    /** {@code {"type":"ping"}} / {@code {"type":"pong"}} text frames over WebSocket. */
    WS_JSON("ws-json", Carrier.WEBSOCKET, HeartbeatModel.SERVER_PINGS),
    /** RFC 6455 Ping / Pong control frames. */
    WS_CONTROL("ws-control", Carrier.WEBSOCKET, HeartbeatModel.SERVER_PINGS),
    /** Engine.IO 4 ping ({@code 2}) and pong ({@code 3}) packets over the WebSocket transport. */
    SOCKET_IO("socket.io", Carrier.WEBSOCKET, HeartbeatModel.SERVER_PINGS),
    /** MQTT 3.1.1 PINGREQ / PINGRESP, Keep Alive declared in CONNECT. */
    MQTT("mqtt", Carrier.MQTT, HeartbeatModel.CLIENT_PINGS),
    /** MQTT 5: as {@link #MQTT}, and the broker may answer with a Server Keep Alive of its own. */
    MQTT5("mqtt5", Carrier.MQTT, HeartbeatModel.CLIENT_PINGS),
    /** {@code ping\n} / {@code pong\n} lines over plain TCP; the reference server sweeps every P. */
    LINE("line", Carrier.LINES, HeartbeatModel.CLIENT_PINGS_SERVER_SWEEPS),
    /** The line protocol's wire format, Netty's IdleStateHandler on both sides (a reference design, not a spec's). */
    IDLE("idle", Carrier.LINES, HeartbeatModel.CLIENT_PINGS),
    /** No application heartbeat: the kernel's SO_KEEPALIVE probes on both ends. */
    TCP_KEEPALIVE("tcp-keepalive", Carrier.KERNEL,
            new HeartbeatModel(HeartbeatModel.Pingers.BOTH, HeartbeatModel.Liveness.ANY, HeartbeatModel.Detection.DEADLINE));

    /** The path a peer opens on a WebSocket protocol that agrees on none, and the placeholder for the others. */
    public static final String DEFAULT_PATH = "/ws";

    /** What carries the heartbeats, which decides most of what the harness may do on the path. */
    private enum Carrier {
        /** An HTTP upgrade on a URL path, so an HTTP proxy such as nginx carries it. */
        WEBSOCKET,
        /** MQTT control packets after CONNECT / CONNACK. */
        MQTT,
        /** Plain lines on a TCP connection. */
        LINES,
        /** TCP itself: probes the kernel sends, which no application or proxy sees. */
        KERNEL
    }

    private final String id;
    private final Carrier carrier;
    private final HeartbeatModel model;

    Protocol(String id, Carrier carrier, HeartbeatModel model) {
        this.id = id;
        this.carrier = carrier;
        this.model = model;
    }

    /** The name in specs, on the command line and in reports, e.g. {@code socket.io}. */
    public String id() {
        return id;
    }

    /** How the protocol's reference design heartbeats: who pings, what counts as alive, when it checks. */
    public HeartbeatModel model() {
        return model;
    }

    /**
     * The heartbeat model a target of this protocol has unless its spec says otherwise: the reference design's,
     * detecting by sweep exactly when a sweep period is declared.
     */
    public HeartbeatModel defaultModel(HeartbeatParams params) {
        if (!params.sweepPeriod().isZero()) {
            return model.withDetection(HeartbeatModel.Detection.SWEEP);
        }
        return model.detection() == HeartbeatModel.Detection.SWEEP ? model.withDetection(HeartbeatModel.Detection.DEADLINE) : model;
    }

    /**
     * Whether a pairing where {@code pings} send pings is one this protocol can have: over WebSocket either side (or
     * both) may ping; elsewhere only the side that always does.
     */
    public boolean allowsPings(HeartbeatModel.Pingers pings) {
        return carrier == Carrier.WEBSOCKET || pings == model.pings();
    }

    /** Whether it has application-level heartbeats (TCP keepalive has none and cannot see past a proxy). */
    public boolean hasAppHeartbeat() {
        return carrier != Carrier.KERNEL;
    }

    /** Whether it runs over a WebSocket (an HTTP upgrade on a URL path), which an HTTP proxy such as nginx carries. */
    public boolean webSocket() {
        return carrier == Carrier.WEBSOCKET;
    }

    /**
     * Whether an implementation logs {@code connected} only once its peer has answered (the WebSocket handshake, MQTT's
     * CONNACK), so the event proves bytes crossed both ways; a plain TCP protocol logs it as soon as the socket connects.
     */
    public boolean connectedAfterHandshake() {
        return carrier == Carrier.WEBSOCKET || carrier == Carrier.MQTT;
    }

    /**
     * Whether the interval travels as MQTT's Keep Alive in CONNECT: whole seconds, and 0 there means the client sends
     * no heartbeat at all.
     */
    public boolean mqttKeepAlive() {
        return carrier == Carrier.MQTT;
    }

    /** Whether the broker may answer the client's Keep Alive with one of its own, which both then keep (MQTT 5). */
    public boolean serverMayOverrideKeepAlive() {
        return this == MQTT5;
    }

    /**
     * Whether the server tells the client the heartbeat it keeps, and the client times its silence by that: Engine.IO's
     * open packet carries pingInterval and pingTimeout.
     */
    public boolean serverAnnouncesHeartbeat() {
        return this == SOCKET_IO;
    }

    /** The path every server and client of the protocol agrees on unless told otherwise: socket.io's only. */
    public Optional<String> standardPath() {
        return this == SOCKET_IO ? Optional.of("/socket.io/") : Optional.empty();
    }

    /** The path a peer opens when a target names none (ignored by protocols without one). */
    public String defaultPath() {
        return standardPath().orElse(DEFAULT_PATH);
    }

    /** Whether a spec may name it: {@code idle} is the line protocol on the wire, so a spec declares {@code line}. */
    public boolean declarable() {
        return this != IDLE;
    }

    /** The names a spec may give, in the order error messages list them. */
    public static List<String> declarableIds() {
        return Arrays.stream(values()).filter(Protocol::declarable).map(Protocol::id).toList();
    }

    /**
     * The protocol a spec names; unknown names fail with a message that starts with the field ({@code protocol: }) and
     * lists the names it knows.
     */
    public static Protocol parse(String text) {
        for (Protocol protocol : values()) {
            if (protocol.declarable() && protocol.id.equals(text)) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("protocol: unknown protocol '" + text + "' (known: "
                + String.join(", ", declarableIds()) + ")");
    }

    /** The spec name, so that text built from a protocol reads as it always has. */
    @Override
    public String toString() {
        return id;
    }
}
