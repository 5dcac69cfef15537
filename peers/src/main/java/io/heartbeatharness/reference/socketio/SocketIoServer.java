package io.heartbeatharness.reference.socketio;

import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.RunningImplementation;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.reference.internal.ReferenceServer;

/**
 * A Socket.IO server over Engine.IO 4 (WebSocket transport): its open packet announces pingInterval I and pingTimeout
 * T, it pings every I and closes a client whose pong is not back within T.
 */
public final class SocketIoServer {
    private SocketIoServer() {
    }

    public static RunningImplementation start(ServerConfig config, EventLog log) {
        return ReferenceServer.start("socket.io", config, log, loop -> new SocketIoServerInitializer(config, log),
                bootstrap -> { });
    }
}
