package io.heartbeatharness.reference.mqtt;

import io.heartbeatharness.reference.ClientConfig;
import io.heartbeatharness.reference.EventLog;
import io.heartbeatharness.reference.RunningImplementation;

/** An MQTT 3.1.1 client: PINGREQ when it has sent nothing for Keep Alive, PINGRESP expected in time; reconnects. */
public final class MqttClient {
    private MqttClient() {
    }

    public static RunningImplementation start(ClientConfig config, EventLog log) {
        throw new UnsupportedOperationException("mqtt client: not built yet");
    }
}
