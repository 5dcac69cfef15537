package io.heartbeatharness.reference.internal;

import io.heartbeatharness.reference.common.ServerConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;

import java.util.function.Function;

/** The pipeline every WebSocket server design shares: HTTP, the upgrade on the configured path, then its heartbeat handler. */
public final class WebSocketServerPipelines {
    private WebSocketServerPipelines() {
    }

    /**
     * Installs it on {@code ch}: {@code protocol} makes the WebSocket protocol handler from the shared settings (the
     * configured path; Close frames reach the heartbeat handler, so their codes reach the event log).
     */
    public static void install(Channel ch, ServerConfig config,
                               Function<WebSocketServerProtocolConfig.Builder, ChannelHandler> protocol,
                               ChannelHandler heartbeat) {
        WebSocketServerProtocolConfig.Builder settings = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(config.path())
                .handleCloseFrames(false);
        ch.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(65536))
                .addLast(protocol.apply(settings))
                .addLast(heartbeat);
    }
}
