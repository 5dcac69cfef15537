package io.heartbeatharness.reference.wsjson;

import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.RunningImplementation;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.reference.internal.ReferenceServer;

/** Seed 000's server: pings every interval, closes with 4000 "heartbeat timeout" when no pong came in time. */
public final class WsJsonServer {
    private WsJsonServer() {
    }

    public static RunningImplementation start(ServerConfig config, EventLog log) {
        return ReferenceServer.start("ws-json", config, log, loop -> new WsJsonServerInitializer(config, log),
                bootstrap -> { });
    }
}
