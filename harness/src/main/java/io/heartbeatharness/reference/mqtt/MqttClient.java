package io.heartbeatharness.reference.mqtt;

import io.heartbeatharness.reference.ClientConfig;
import io.heartbeatharness.reference.EventLog;
import io.heartbeatharness.reference.RunningImplementation;
import io.heartbeatharness.reference.internal.ReconnectingClient;

/**
 * An MQTT 3.1.1 client: CONNECT with Keep Alive K = I, then PINGREQ every I (it sends nothing else, so that is every
 * time it has sent nothing for K), the broker declared dead when a PINGRESP is not back within T; it reconnects with
 * backoff whenever the connection ends.
 */
public final class MqttClient {
    private MqttClient() {
    }

    public static RunningImplementation start(ClientConfig config, EventLog log) {
        return ReconnectingClient.start(config, log, attempt -> new MqttClientInitializer(config, log, attempt),
                bootstrap -> { });
    }
}
