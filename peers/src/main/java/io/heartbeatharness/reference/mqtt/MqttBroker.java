package io.heartbeatharness.reference.mqtt;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.RunningImplementation;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.reference.internal.ReferenceServer;

import java.time.Duration;

/**
 * An MQTT 3.1.1 broker side: CONNECT/CONNACK, PINGREQ/PINGRESP; disconnects a client silent for 1.5 × Keep Alive.
 * That limit is I + T of its declared parameters (K = I, T = K / 2), counted from the last packet of any kind it
 * heard (§3.1.2.10), with an exact timer per connection: detection takes at most I + T.
 */
public final class MqttBroker {
    private MqttBroker() {
    }

    public static RunningImplementation start(ServerConfig config, EventLog log) {
        return ReferenceServer.start("mqtt", config, log, loop -> new MqttBrokerInitializer(config, log),
                bootstrap -> { }, "limit_ms", limit(config.heartbeat()).toMillis());
    }

    /** How long a client may stay silent: I + T, the 1.5 × K of a client that announces K = I. */
    static Duration limit(HeartbeatParams heartbeat) {
        return heartbeat.interval().plus(heartbeat.timeout());
    }
}
