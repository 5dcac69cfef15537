package io.heartbeatharness.reference.wsjson;

import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.RunningImplementation;
import io.heartbeatharness.reference.internal.ReconnectingClient;

import java.net.URI;

/**
 * Seed 000's client: answers every ping with a pong, declares the server dead when no ping came for I + T,
 * and reconnects with exponential backoff and full jitter whenever its connection closes.
 */
public final class WsJsonClient {
    private WsJsonClient() {
    }

    public static RunningImplementation start(ClientConfig config, EventLog log) {
        URI uri = URI.create("ws://" + config.host() + ":" + config.port() + config.path());
        return ReconnectingClient.start(config, log, attempt -> new WsJsonClientInitializer(uri, config, log, attempt),
                bootstrap -> { });
    }
}
