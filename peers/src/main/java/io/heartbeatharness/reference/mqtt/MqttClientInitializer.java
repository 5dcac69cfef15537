package io.heartbeatharness.reference.mqtt;

import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.internal.ClientSlot;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

import io.netty.handler.codec.mqtt.MqttVersion;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** The MQTT client pipeline: the MQTT codec, then the handler that connects, pings and reports the connection lost. */
final class MqttClientInitializer extends ChannelInitializer<Channel> {
    private final ClientConfig config;
    private final EventLog log;
    private final ClientSlot.Attempt attempt;
    private final MqttVersion version;
    private final AtomicReference<Duration> serverKeepAlive;

    /** @param serverKeepAlive the Server Keep Alive an MQTT 5 broker last answered with, shared by the connections */
    MqttClientInitializer(ClientConfig config, EventLog log, ClientSlot.Attempt attempt, MqttVersion version,
                          AtomicReference<Duration> serverKeepAlive) {
        this.config = config;
        this.version = version;
        this.serverKeepAlive = serverKeepAlive;
        this.log = log;
        this.attempt = attempt;
    }

    @Override
    protected void initChannel(Channel ch) {
        // A CONNECT whose CONNACK never comes (bytes swallowed) is abandoned after the same I + T of silence, I being
        // the Keep Alive in force: the broker's Server Keep Alive once it has given one.
        Duration interval = serverKeepAlive.get() != null ? serverKeepAlive.get() : config.heartbeat().interval();
        Duration connAckTimeout = Duration.ofMillis(Math.max(1000, interval.plus(config.heartbeat().timeout()).toMillis()));
        MqttPackets.addCodec(ch.pipeline());
        ch.pipeline().addLast(new MqttClientHandler(config, log, attempt, connAckTimeout, version, serverKeepAlive));
    }
}
