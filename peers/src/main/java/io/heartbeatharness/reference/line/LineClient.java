package io.heartbeatharness.reference.line;

import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.RunningImplementation;
import io.heartbeatharness.reference.internal.ReconnectingClient;

/**
 * Seed 001's client, done the way its last paragraph asks: it sends {@code ping} on connecting and every I
 * after, declares the server dead when a ping goes unanswered for T, and reconnects with backoff whenever the
 * connection ends — "reconnecting is the client's job; the server cannot do it".
 */
public final class LineClient {
    private LineClient() {
    }

    public static RunningImplementation start(ClientConfig config, EventLog log) {
        return ReconnectingClient.start(config, log, attempt -> new LineClientInitializer(config, log, attempt),
                bootstrap -> { });
    }
}
