package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.timeline.Side;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.util.Locale;

/**
 * Reads one socket and writes what it read to the other (Netty's HexDumpProxy pattern: auto-read off, the next
 * read only once the write was accepted), tapping every chunk; a fault may swallow the chunk instead.
 */
class RelayHandler extends ChannelInboundHandlerAdapter {
    private final Side side;
    private final ProxyConnection connection;
    private Channel source;
    private final ChannelFutureListener readNext;

    RelayHandler(Side side, ProxyConnection connection) {
        this.side = side;
        this.connection = connection;
        this.readNext = f -> {
            if (!f.isSuccess() && isReset(f.cause())) {
                connection.onReset(side.other());
            }
            source.read();
        };
    }

    ProxyConnection connection() {
        return connection;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.source = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf data = (ByteBuf) msg;
        Channel destination = connection.channel(side.other());
        if (!connection.onRead(side, data) || destination == null || !destination.isActive()) {
            ReferenceCountUtil.release(msg);
            ctx.read();
            return;
        }
        destination.writeAndFlush(data).addListener(readNext);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.onInactive(side);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (isReset(cause)) {
            connection.onReset(side);
        }
        // Netty closes the channel itself after an I/O error; anything else is a bug we must not hang on.
        if (!(cause instanceof IOException)) {
            ctx.close();
        }
    }

    static boolean isReset(Throwable cause) {
        return cause instanceof IOException
                && String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("reset");
    }
}
