package io.heartbeatharness.reference.mqtt;

import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.RunningImplementation;
import io.heartbeatharness.reference.internal.ReconnectingClient;
import io.netty.handler.codec.mqtt.MqttVersion;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An MQTT 3.1.1 client: CONNECT with Keep Alive K = I, then PINGREQ every I (it sends nothing else, so that is every
 * time it has sent nothing for K), the broker declared dead when a PINGRESP is not back within T; it reconnects with
 * backoff whenever the connection ends.
 */
public final class MqttClient {
    private MqttClient() {
    }

    public static RunningImplementation start(ClientConfig config, EventLog log) {
        return start(config, log, MqttVersion.MQTT_3_1_1);
    }

    /** The same client speaking MQTT 5: it keeps the broker's Server Keep Alive where CONNACK carries one. */
    public static RunningImplementation startMqtt5(ClientConfig config, EventLog log) {
        return start(config, log, MqttVersion.MQTT_5);
    }

    private static RunningImplementation start(ClientConfig config, EventLog log, MqttVersion version) {
        // Every connection goes to the same broker: the Server Keep Alive one was given holds for the next ones too.
        AtomicReference<Duration> serverKeepAlive = new AtomicReference<>();
        return ReconnectingClient.start(config, log,
                attempt -> new MqttClientInitializer(config, log, attempt, version, serverKeepAlive), bootstrap -> { });
    }
}
