package io.heartbeatharness.reference.wscontrol;

import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.reference.internal.WebSocketServerPipelines;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/** The ws-control server pipeline: HTTP upgrade to WebSocket, then the heartbeat handler. */
final class WsControlServerInitializer extends ChannelInitializer<Channel> {
    private final ServerConfig config;
    private final EventLog log;

    WsControlServerInitializer(ServerConfig config, EventLog log) {
        this.config = config;
        this.log = log;
    }

    @Override
    protected void initChannel(Channel ch) {
        // Pongs are the heartbeat's answer: Netty drops them unless told not to.
        WebSocketServerPipelines.install(ch, config, settings -> new PingPassingServerProtocolHandler(settings.dropPongFrames(false).build()),
                new WsControlServerHandler(config, log));
    }
}
