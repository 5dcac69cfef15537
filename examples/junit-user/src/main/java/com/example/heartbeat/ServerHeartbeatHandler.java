package com.example.heartbeat;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection's heartbeat: a ping every interval once the WebSocket is open; a ping not answered within the
 * timeout means the client is gone (a silent TCP connection never says so), and the connection is closed.
 * Runs on the channel's event loop only, so its fields need no locking.
 */
final class ServerHeartbeatHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private final long intervalMs;
    private final long timeoutMs;
    private ScheduledFuture<?> pinger;
    private ScheduledFuture<?> pongDeadline;

    ServerHeartbeatHandler(long intervalMs, long timeoutMs) {
        this.intervalMs = intervalMs;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            pinger = ctx.executor().scheduleAtFixedRate(() -> ping(ctx), intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        }
        super.userEventTriggered(ctx, evt);
    }

    private void ping(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(new TextWebSocketFrame(Heartbeats.PING));
        if (pongDeadline == null) {
            pongDeadline = ctx.executor().schedule(() -> pongMissed(ctx), timeoutMs, TimeUnit.MILLISECONDS);
        }
    }

    private void pongMissed(ChannelHandlerContext ctx) {
        pinger.cancel(false);
        ctx.writeAndFlush(new CloseWebSocketFrame(Heartbeats.TIMEOUT_CLOSE_CODE, Heartbeats.TIMEOUT_CLOSE_REASON))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        switch (Heartbeats.typeOf(frame.text())) {
            case "pong" -> {
                if (pongDeadline != null) {
                    pongDeadline.cancel(false);
                    pongDeadline = null;
                }
            }
            case "ping" -> ctx.writeAndFlush(new TextWebSocketFrame(Heartbeats.PONG));
            default -> {
                // Application messages would be handled here.
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (pinger != null) {
            pinger.cancel(false);
        }
        if (pongDeadline != null) {
            pongDeadline.cancel(false);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
