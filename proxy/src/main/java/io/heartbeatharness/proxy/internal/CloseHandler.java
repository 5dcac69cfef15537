package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.timeline.Side;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * The last outbound handler before a socket: every close the proxy makes passes here, so it is tapped as the
 * proxy's ({@code proxy-close}, never the peer's FIN), written bytes are flushed first, and a reset becomes a
 * real RST (SO_LINGER 0). Toxics sit between this handler and the relay.
 */
final class CloseHandler extends ChannelOutboundHandlerAdapter {
    static final String NAME = "proxy-close";

    private final ProxyConnection connection;
    private final Side side;
    private ChannelHandlerContext ctx;

    CloseHandler(ProxyConnection connection, Side side) {
        this.connection = connection;
        this.side = side;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        connection.closeHandler(side, this);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        close(promise, true);
    }

    /** Closes the socket now, skipping the toxics: bytes they hold are lost, as with Toxiproxy's conn.Close(). */
    void closeNow() {
        close(ctx.newPromise(), false);
    }

    private void close(ChannelPromise promise, boolean flushFirst) {
        if (!ctx.channel().isActive()) {
            ctx.close(promise);
            return;
        }
        connection.onProxyClose(side);
        if (connection.resetting()) {
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            ctx.close(promise);
        } else if (flushFirst) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> ctx.close(promise));
        } else {
            ctx.close(promise);
        }
    }
}
