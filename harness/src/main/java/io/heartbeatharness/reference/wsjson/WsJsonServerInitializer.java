package io.heartbeatharness.reference.wsjson;

import io.heartbeatharness.reference.EventLog;
import io.heartbeatharness.reference.ServerConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/** The ws-json server pipeline: HTTP upgrade to WebSocket, then the heartbeat handler. */
public final class WsJsonServerInitializer extends ChannelInitializer<Channel> {
    private final ServerConfig config;
    private final EventLog log;

    public WsJsonServerInitializer(ServerConfig config, EventLog log) {
        this.config = config;
        this.log = log;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(65536))
                .addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                        .websocketPath(config.path())
                        // Close frames are handled by the heartbeat handler so their codes reach the event log.
                        .handleCloseFrames(false)
                        .build()))
                .addLast(new WsJsonServerHandler(config, log));
    }
}
