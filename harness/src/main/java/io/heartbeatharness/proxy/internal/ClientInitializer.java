package io.heartbeatharness.proxy.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;

/**
 * The pipeline of an accepted client socket: close handler (added once the connection exists), (toxics, added
 * once the upstream is connected), relay.
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
        channel.pipeline().addLast("relay", new FrontendHandler(host, tap, upstream));
    }
}
