package io.heartbeatharness.reference.mqtt;

import io.heartbeatharness.reference.ClientConfig;
import io.heartbeatharness.reference.EventLog;
import io.heartbeatharness.reference.internal.ClientSlot;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

import io.netty.handler.codec.mqtt.MqttVersion;

import java.time.Duration;

/** The MQTT client pipeline: the MQTT codec, then the handler that connects, pings and reports the connection lost. */
final class MqttClientInitializer extends ChannelInitializer<Channel> {
    private final ClientConfig config;
    private final EventLog log;
    private final ClientSlot.Attempt attempt;
    private final MqttVersion version;

    MqttClientInitializer(ClientConfig config, EventLog log, ClientSlot.Attempt attempt, MqttVersion version) {
        this.config = config;
        this.version = version;
        this.log = log;
        this.attempt = attempt;
    }

    @Override
    protected void initChannel(Channel ch) {
        // A CONNECT whose CONNACK never comes (bytes swallowed) is abandoned after the same I + T of silence.
        Duration connAckTimeout = Duration.ofMillis(Math.max(1000,
                config.heartbeat().interval().plus(config.heartbeat().timeout()).toMillis()));
        MqttPackets.addCodec(ch.pipeline());
        ch.pipeline().addLast(new MqttClientHandler(config, log, attempt, connAckTimeout, version));
    }
}
