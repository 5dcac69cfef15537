package io.heartbeatharness.reference.socketio;

import io.heartbeatharness.reference.EventLog;
import io.heartbeatharness.reference.ServerConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/** The Socket.IO server pipeline: HTTP upgrade on the path (any query: {@code ?EIO=4&transport=websocket}), then Engine.IO. */
final class SocketIoServerInitializer extends ChannelInitializer<Channel> {
    private final ServerConfig config;
    private final EventLog log;

    SocketIoServerInitializer(ServerConfig config, EventLog log) {
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
                        .checkStartsWith(true)
                        .handleCloseFrames(false)
                        .build()))
                .addLast(new SocketIoServerHandler(config, log));
    }
}
