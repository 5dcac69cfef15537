package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.proxy.EmbeddedProxy;
import io.heartbeatharness.proxy.Side;
import io.heartbeatharness.proxy.TapEvents;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;

import java.net.InetSocketAddress;

/**
 * Accepts a client, opens the upstream connection on the same event loop, then hands both channels to a
 * {@link RelayHandler} each (Netty's HexDumpProxy pattern: auto-read off, read on when the write succeeded).
 */
public final class FrontendHandler extends RelayHandler {
    private final EmbeddedProxy proxy;

    public FrontendHandler(EmbeddedProxy proxy) {
        super(proxy, Side.CLIENT);
        this.proxy = proxy;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel client = ctx.channel();
        ProxyConnection connection = new ProxyConnection(proxy.tap(), client);
        connection(connection);
        proxy.register(connection);
        connection.record(TapEvents.ACCEPT, "client_port", ((InetSocketAddress) client.remoteAddress()).getPort());
        new Bootstrap()
                .group(client.eventLoop())
                .channel(client.getClass())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new RelayHandler(proxy, Side.SERVER, connection))
                .connect(proxy.upstream())
                .addListener(f -> {
                    if (f.isSuccess()) {
                        connection.server(((ChannelFuture) f).channel());
                        connection.record(TapEvents.CONNECT);
                        client.read();
                    } else {
                        connection.record(TapEvents.CONNECT_FAILED, "cause", String.valueOf(f.cause().getMessage()));
                        connection.closeAfterFlush(Side.CLIENT, "upstream unreachable");
                    }
                });
    }
}
