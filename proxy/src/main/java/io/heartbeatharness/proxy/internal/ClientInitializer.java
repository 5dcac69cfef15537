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
final class ClientInitializer extends ChannelInitializer<Channel> {
    private final ConnectionHost host;
    private final Bootstrap upstream;

    ClientInitializer(ConnectionHost host) {
        this.host = host;
        this.upstream = new Bootstrap()
                .channel(Transports.socketChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true);
    }

    @Override
    protected void initChannel(Channel channel) {
        ProxyConnection connection = new ProxyConnection(host, channel);
        channel.pipeline().addLast(CloseHandler.NAME, new CloseHandler(connection, Side.CLIENT));
        channel.pipeline().addLast("relay", new FrontendHandler(host, connection, upstream));
    }
}
