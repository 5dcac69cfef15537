package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.timeline.Side;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;

/**
 * The pipeline of an accepted client socket: close handler, (downstream toxics, added as they come), relay; the
 * relay opens the upstream connection once the socket is active.
 */
public final class ClientInitializer extends ChannelInitializer<Channel> {
    private final ConnectionHost host;
    private final Tap tap;
    private final Bootstrap upstream;

    public ClientInitializer(ConnectionHost host, Tap tap) {
        this.host = host;
        this.tap = tap;
        this.upstream = new Bootstrap()
                .channel(Transports.socketChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true);
    }

    @Override
    protected void initChannel(Channel channel) {
        ProxyConnection connection = new ProxyConnection(host, tap, channel);
        channel.pipeline().addLast(CloseHandler.NAME, new CloseHandler(connection, Side.CLIENT));
        channel.pipeline().addLast("relay", new FrontendHandler(host, connection, upstream));
    }
}
