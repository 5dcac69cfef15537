package io.heartbeatharness.reference.mqtt;

import io.heartbeatharness.reference.EventLog;
import io.heartbeatharness.reference.RunningImplementation;
import io.heartbeatharness.reference.ServerConfig;

/** An MQTT 3.1.1 broker side: CONNECT/CONNACK, PINGREQ/PINGRESP; disconnects a client silent for 1.5 × Keep Alive. */
public final class MqttBroker {
    private MqttBroker() {
    }

    public static RunningImplementation start(ServerConfig config, EventLog log) {
        throw new UnsupportedOperationException("mqtt broker: not built yet");
    }
}
