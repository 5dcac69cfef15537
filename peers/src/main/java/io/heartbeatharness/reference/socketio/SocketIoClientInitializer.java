package io.heartbeatharness.reference.socketio;

import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.internal.ClientSlot;
import io.heartbeatharness.reference.internal.WebSocketClientPipelines;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;

import java.net.URI;

/** The Socket.IO client pipeline: HTTP upgrade to WebSocket, then Engine.IO. */
final class SocketIoClientInitializer extends ChannelInitializer<Channel> {
    private final URI uri;
    private final ClientConfig config;
    private final EventLog log;
    private final ClientSlot.Attempt attempt;

    SocketIoClientInitializer(URI uri, ClientConfig config, EventLog log, ClientSlot.Attempt attempt) {
        this.uri = uri;
        this.config = config;
        this.log = log;
        this.attempt = attempt;
    }

    @Override
    protected void initChannel(Channel ch) {
        WebSocketClientPipelines.install(ch, uri, config, settings -> new WebSocketClientProtocolHandler(settings.build()),
                new SocketIoClientHandler(config, log, attempt));
    }
}
