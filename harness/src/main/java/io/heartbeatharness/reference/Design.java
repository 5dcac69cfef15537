package io.heartbeatharness.reference;

import io.heartbeatharness.reference.wsjson.WsJsonClient;
import io.heartbeatharness.reference.wsjson.WsJsonServer;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.BiFunction;

/** The reference heartbeat designs, each with a server and a client. */
public enum Design {
    /** Server-driven JSON ping/pong over WebSocket, close 4000 "heartbeat timeout" (seed 000). */
    WS_JSON("ws-json", WsJsonServer::start, WsJsonClient::start);

    private final String id;
    private final BiFunction<ServerConfig, EventLog, RunningImplementation> server;
    private final BiFunction<ClientConfig, EventLog, RunningImplementation> client;

    Design(String id, BiFunction<ServerConfig, EventLog, RunningImplementation> server,
           BiFunction<ClientConfig, EventLog, RunningImplementation> client) {
        this.id = id;
        this.server = server;
        this.client = client;
    }

    public String id() {
        return id;
    }

    public RunningImplementation startServer(ServerConfig config, EventLog log) {
        return server.apply(config, log);
    }

    public RunningImplementation startClient(ClientConfig config, EventLog log) {
        return client.apply(config, log);
    }

    public static Design parse(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        for (Design design : values()) {
            if (design.id.equals(wanted)) {
                return design;
            }
        }
        throw new IllegalArgumentException("design: unknown '" + id + "', expected one of "
                + Arrays.stream(values()).map(Design::id).toList());
    }
}
