package io.heartbeatharness.reference.wsjson;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.EventLog;
import io.heartbeatharness.reference.KnownBad;
import io.heartbeatharness.reference.ServerConfig;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Server-driven heartbeat: a ping every I; when no pong arrived within T of a ping, the peer is declared dead
 * and the connection closed with the configured code — so detection takes at most I + T after the last pong.
 * Any other text frame is echoed.
 */
public final class WsJsonServerHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final HeartbeatParams heartbeat;
    private final ServerConfig config;
    private final EventLog log;
    private ScheduledFuture<?> nextPing;
    private ScheduledFuture<?> pongDeadline;
    private long lastPingNanos;
    private long lastPongNanos = Long.MIN_VALUE;
    private int closeCode = 1006;
    private String closeBy = "abnormal";
    private int remotePort;
    private boolean connected;

    public WsJsonServerHandler(ServerConfig config, EventLog log) {
        this.config = config;
        this.heartbeat = config.heartbeat();
        this.log = log;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            remotePort = ctx.channel().remoteAddress() instanceof InetSocketAddress address ? address.getPort() : 0;
            connected = true;
            log.emit(EventLog.CONNECTED, "remote_port", remotePort);
            nextPing = ctx.executor().schedule(() -> ping(ctx), heartbeat.interval().toNanos(), TimeUnit.NANOSECONDS);
        }
        super.userEventTriggered(ctx, evt);
    }

    private void ping(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        lastPingNanos = ctx.executor().ticker().nanoTime();
        ctx.writeAndFlush(new TextWebSocketFrame(WsJsonMessages.PING));
        log.emit(EventLog.PING_SENT, "remote_port", remotePort);
        long pingAt = lastPingNanos;
        pongDeadline = ctx.executor().schedule(() -> checkPong(ctx, pingAt), heartbeat.timeout().toNanos(),
                TimeUnit.NANOSECONDS);
        nextPing = ctx.executor().schedule(() -> ping(ctx), heartbeat.interval().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void checkPong(ChannelHandlerContext ctx, long pingAt) {
        if (lastPongNanos >= pingAt || !ctx.channel().isActive()) {
            return;
        }
        log.emit(EventLog.PEER_DEAD, "remote_port", remotePort, "reason", "no pong within timeout",
                "timeout_ms", heartbeat.timeout().toMillis());
        if (config.has(KnownBad.NEVER_CLOSE)) {
            return;
        }
        int code = heartbeat.closeCode() == null ? 1001 : heartbeat.closeCode();
        closeCode = code;
        closeBy = "self";
        ctx.writeAndFlush(new CloseWebSocketFrame(code, heartbeat.closeReason())).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            String body = text.text();
            if ("pong".equals(WsJsonMessages.typeOf(body))) {
                lastPongNanos = ctx.executor().ticker().nanoTime();
                log.emit(EventLog.PONG_RECEIVED, "remote_port", remotePort);
            } else {
                ctx.writeAndFlush(new TextWebSocketFrame(body));
            }
        } else if (frame instanceof CloseWebSocketFrame close) {
            closeCode = close.statusCode();
            closeBy = "peer";
            ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), close.reasonText()))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        if (connected) {
            log.emit(EventLog.CLOSED, "remote_port", remotePort, "code", closeCode, "by", closeBy);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void cancel() {
        if (nextPing != null) {
            nextPing.cancel(false);
        }
        if (pongDeadline != null) {
            pongDeadline.cancel(false);
        }
    }
}
