package io.heartbeatharness.reference.socketio;

import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.RunningImplementation;
import io.heartbeatharness.reference.internal.ReconnectingClient;

import java.net.URI;

/**
 * A Socket.IO client over Engine.IO 4 (WebSocket transport only): connects to the main namespace, answers every ping
 * packet, declares the server dead when no ping came for pingInterval + pingTimeout, and reconnects with randomized
 * exponential backoff whenever its connection closes.
 */
public final class SocketIoClient {
    private SocketIoClient() {
    }

    public static RunningImplementation start(ClientConfig config, EventLog log) {
        URI uri = URI.create("ws://" + config.host() + ":" + config.port() + EngineIoPackets.webSocketQuery(config.path()));
        return ReconnectingClient.start(config, log, attempt -> new SocketIoClientInitializer(uri, config, log, attempt),
                bootstrap -> { });
    }
}
