package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.proxy.EmbeddedProxy;
import io.heartbeatharness.proxy.Side;
import io.heartbeatharness.proxy.TapEvents;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.util.Locale;

/** Relays bytes read on one side to the other, records them on the tap, and drops them under a blackhole. */
public class RelayHandler extends ChannelInboundHandlerAdapter {
    private final EmbeddedProxy proxy;
    private final Side side;
    private ProxyConnection connection;
    private boolean reset;

    RelayHandler(EmbeddedProxy proxy, Side side) {
        this.proxy = proxy;
        this.side = side;
    }

    RelayHandler(EmbeddedProxy proxy, Side side, ProxyConnection connection) {
        this(proxy, side);
        this.connection = connection;
    }

    void connection(ProxyConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        boolean drop = proxy.isDropping(side.sends());
        connection.record(TapEvents.BYTES, "direction", side.sends().wireName(), "bytes", buf.readableBytes(),
                "dropped", drop);
        Channel other = connection.other(side);
        if (drop || other == null || !other.isActive()) {
            ReferenceCountUtil.release(msg);
            ctx.channel().read();
            return;
        }
        other.writeAndFlush(msg).addListener(f -> {
            if (f.isSuccess()) {
                ctx.channel().read();
            } else {
                ctx.channel().close();
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!reset && !connection.closedByProxy(side)) {
            connection.record(TapEvents.FIN, "side", side.wireName());
        }
        connection.gone(side);
        // A blackhole swallows closes too: the far side must keep believing the link is alive.
        if (!proxy.isDropping(side.sends())) {
            connection.closeAfterFlush(side == Side.CLIENT ? Side.SERVER : Side.CLIENT, "relay " + (reset ? "rst" : "fin"));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException && String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("reset")) {
            reset = true;
            connection.record(TapEvents.RST, "side", side.wireName());
        }
        ctx.close();
    }
}
