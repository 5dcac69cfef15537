package io.heartbeatharness.reference.wscontrol;

import io.heartbeatharness.reference.ClientConfig;
import io.heartbeatharness.reference.EventLog;
import io.heartbeatharness.reference.internal.ClientSlot;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;

import java.net.URI;

/**
 * The ws-control client pipeline: HTTP upgrade to WebSocket (passing Pings on instead of answering them), then
 * the heartbeat handler, which answers them itself.
 */
final class WsControlClientInitializer extends ChannelInitializer<Channel> {
    private final URI uri;
    private final ClientConfig config;
    private final EventLog log;
    private final ClientSlot.Attempt attempt;

    WsControlClientInitializer(URI uri, ClientConfig config, EventLog log, ClientSlot.Attempt attempt) {
        this.uri = uri;
        this.config = config;
        this.log = log;
        this.attempt = attempt;
    }

    @Override
    protected void initChannel(Channel ch) {
        // A handshake that never completes (bytes swallowed) is abandoned after the same I + T of silence.
        long handshakeTimeout = Math.max(1000, config.heartbeat().interval().plus(config.heartbeat().timeout()).toMillis());
        ch.pipeline()
                .addLast(new HttpClientCodec())
                .addLast(new HttpObjectAggregator(65536))
                .addLast(new PingPassingClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                        .webSocketUri(uri)
                        .handleCloseFrames(false)
                        // Pongs answer this client's own pings, where it sends them: Netty drops them unless told not to.
                        .dropPongFrames(false)
                        .handshakeTimeoutMillis(handshakeTimeout)
                        .build()))
                .addLast(new WsControlClientHandler(config, log, attempt));
    }
}
