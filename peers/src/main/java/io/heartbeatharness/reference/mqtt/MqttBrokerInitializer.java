package io.heartbeatharness.reference.mqtt;

import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.ServerConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/** The broker pipeline: the MQTT codec, then the handler that answers packets and watches for silence. */
final class MqttBrokerInitializer extends ChannelInitializer<Channel> {
    private final ServerConfig config;
    private final EventLog log;

    MqttBrokerInitializer(ServerConfig config, EventLog log) {
        this.config = config;
        this.log = log;
    }

    @Override
    protected void initChannel(Channel ch) {
        MqttPackets.addCodec(ch.pipeline());
        ch.pipeline().addLast(new MqttBrokerHandler(config, log));
    }
}
