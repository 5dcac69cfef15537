package io.heartbeatharness.reference.wscontrol;

import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.RunningImplementation;
import io.heartbeatharness.reference.internal.ReconnectingClient;

import java.net.URI;

/**
 * The ws-control client: answers every Ping frame with a Pong carrying the same payload (RFC 6455 §5.5.3),
 * declares the server dead after I + T without a Ping, and reconnects with backoff whenever the connection ends.
 */
public final class WsControlClient {
    private WsControlClient() {
    }

    public static RunningImplementation start(ClientConfig config, EventLog log) {
        URI uri = URI.create("ws://" + config.host() + ":" + config.port() + config.path());
        return ReconnectingClient.start(config, log, attempt -> new WsControlClientInitializer(uri, config, log, attempt),
                bootstrap -> { });
    }
}
