package io.heartbeatharness.reference.wscontrol;

import io.heartbeatharness.reference.EventLog;
import io.heartbeatharness.reference.ServerConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;

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
        ch.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(65536))
                .addLast(new PingPassingServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                        .websocketPath(config.path())
                        // Close frames reach the heartbeat handler so their codes reach the event log.
                        .handleCloseFrames(false)
                        // Pongs are the heartbeat's answer: Netty drops them unless told not to.
                        .dropPongFrames(false)
                        .build()))
                .addLast(new WsControlServerHandler(config, log));
    }
}
