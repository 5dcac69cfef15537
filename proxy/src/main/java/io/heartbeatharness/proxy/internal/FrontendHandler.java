package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.timeline.TapEvents;
import io.heartbeatharness.proxy.control.ToxicSpec;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;

import java.net.InetSocketAddress;

/**
 * The relay of an accepted client socket, which first opens the upstream connection on the same event loop; the
 * client is not read until the upstream is connected and the proxy's toxics are installed on both sockets.
 */
final class FrontendHandler extends RelayHandler {
    private final ConnectionHost host;
    private final Bootstrap upstream;

    FrontendHandler(ConnectionHost host, ProxyConnection connection, Bootstrap upstream) {
        super(Side.CLIENT, connection);
        this.host = host;
        this.upstream = upstream;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel client = ctx.channel();
        ProxyConnection connection = connection();
        connection.record(TapEvents.ACCEPT, "client_port", ((InetSocketAddress) client.remoteAddress()).getPort());
        host.register(connection);
        upstream.clone(client.eventLoop())
                .handler(new UpstreamInitializer(connection))
                .connect(host.upstreamAddress())
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        connection.record(TapEvents.CONNECT_FAILED, "cause", String.valueOf(f.cause().getMessage()));
                        connection.close(Side.CLIENT, "upstream unreachable", ProxyConnection.Mode.DIRECT);
                        return;
                    }
                    Channel server = ((ChannelFuture) f).channel();
                    connection.server(server);
                    connection.record(TapEvents.CONNECT,
                            "local_port", ((InetSocketAddress) server.localAddress()).getPort());
                    if (!client.isActive()) {
                        connection.close(Side.SERVER, "relay fin", ProxyConnection.Mode.DIRECT);
                        return;
                    }
                    for (ToxicSpec toxic : host.toxicsSnapshot()) {
                        connection.installToxic(toxic);
                    }
                    host.connected(connection);
                    client.read();
                    server.read();
                });
    }
}
