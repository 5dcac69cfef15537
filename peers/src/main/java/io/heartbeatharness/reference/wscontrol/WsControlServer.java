package io.heartbeatharness.reference.wscontrol;

import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.RunningImplementation;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.reference.internal.ReferenceServer;

/**
 * RFC 6455 heartbeat: the server sends a Ping control frame every I and closes (1001 unless told another code)
 * when no Pong came within T — what browsers, OkHttp and Node's {@code ws} answer without application code.
 */
public final class WsControlServer {
    private WsControlServer() {
    }

    public static RunningImplementation start(ServerConfig config, EventLog log) {
        return ReferenceServer.start("ws-control", config, log, loop -> new WsControlServerInitializer(config, log),
                bootstrap -> { });
    }
}
