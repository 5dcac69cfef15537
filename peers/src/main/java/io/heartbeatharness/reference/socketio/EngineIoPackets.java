package io.heartbeatharness.reference.socketio;

import java.time.Duration;
import java.util.UUID;

/**
 * Engine.IO 4 packets as WebSocket text frames (one packet per frame): {@code 0} open (with the handshake JSON),
 * {@code 1} close, {@code 2} ping, {@code 3} pong, {@code 4} message — a Socket.IO packet, {@code 40} being a
 * connect to the main namespace.
 */
final class EngineIoPackets {
    static final String PING = "2";
    static final String PONG = "3";
    static final String CLOSE = "1";
    /** Socket.IO CONNECT to the main namespace: a server closes a client that never sends it (connectTimeout). */
    static final String NAMESPACE_CONNECT = "40";
    /** The path socket.io servers listen on unless configured otherwise. */
    static final String DEFAULT_PATH = "/socket.io/";

    private EngineIoPackets() {
    }

    /** The open packet: the session id and the heartbeat the server will keep (Engine.IO 4's handshake). */
    static String open(String sid, Duration pingInterval, Duration pingTimeout) {
        return "0{\"sid\":\"" + sid + "\",\"upgrades\":[],\"pingInterval\":" + pingInterval.toMillis()
                + ",\"pingTimeout\":" + pingTimeout.toMillis() + ",\"maxPayload\":1000000}";
    }

    /** The answer to a namespace connect: Socket.IO 5's CONNECT with the socket's id. */
    static String namespaceConnected(String sid) {
        return "40{\"sid\":\"" + sid + "\"}";
    }

    static String newSid() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    /** The WebSocket URL's path and query an Engine.IO 4 client opens with the WebSocket transport only. */
    static String webSocketQuery(String path) {
        return path + (path.contains("?") ? "&" : "?") + "EIO=4&transport=websocket";
    }
}
