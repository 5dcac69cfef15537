package io.heartbeatharness.reference.socketio;

import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.reference.internal.WebSocketServerPipelines;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
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
        // Engine.IO clients add a query to the path: ?EIO=4&transport=websocket.
        WebSocketServerPipelines.install(ch, config,
                settings -> new WebSocketServerProtocolHandler(settings.checkStartsWith(true).build()),
                new SocketIoServerHandler(config, log));
    }
}
