package io.heartbeatharness.reference.wsjson;

import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.reference.internal.WebSocketServerPipelines;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
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
        WebSocketServerPipelines.install(ch, config, settings -> new WebSocketServerProtocolHandler(settings.build()),
                new WsJsonServerHandler(config, log));
    }
}
