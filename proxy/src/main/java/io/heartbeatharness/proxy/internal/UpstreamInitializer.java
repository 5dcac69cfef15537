package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.timeline.Side;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/** The pipeline of the proxy's socket to the upstream: close handler, (toxics, added later), relay. */
final class UpstreamInitializer extends ChannelInitializer<Channel> {
    private final ProxyConnection connection;

    UpstreamInitializer(ProxyConnection connection) {
        this.connection = connection;
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline().addLast(CloseHandler.NAME, new CloseHandler(connection, Side.SERVER));
        channel.pipeline().addLast("relay", new RelayHandler(Side.SERVER, connection));
    }
}
