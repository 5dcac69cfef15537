package io.heartbeatharness.reference.internal;

import io.heartbeatharness.reference.common.ClientConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;

import java.net.URI;
import java.util.function.Function;

/** The pipeline every WebSocket client design shares: HTTP, the upgrade to {@code uri}, then its heartbeat handler. */
public final class WebSocketClientPipelines {
    private WebSocketClientPipelines() {
    }

    /**
     * Installs it on {@code ch}: {@code protocol} makes the WebSocket protocol handler from the shared settings (Close
     * frames reach the heartbeat handler, so their codes reach the event log; a handshake that never completes, its
     * bytes swallowed, is abandoned after the same I + T a silent connection gets).
     */
    public static void install(Channel ch, URI uri, ClientConfig config,
                               Function<WebSocketClientProtocolConfig.Builder, ChannelHandler> protocol,
                               ChannelHandler heartbeat) {
        long handshakeTimeout = Math.max(1000, config.heartbeat().interval().plus(config.heartbeat().timeout()).toMillis());
        WebSocketClientProtocolConfig.Builder settings = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .handleCloseFrames(false)
                .handshakeTimeoutMillis(handshakeTimeout);
        ch.pipeline()
                .addLast(new HttpClientCodec())
                .addLast(new HttpObjectAggregator(65536))
                .addLast(protocol.apply(settings))
                .addLast(heartbeat);
    }
}
