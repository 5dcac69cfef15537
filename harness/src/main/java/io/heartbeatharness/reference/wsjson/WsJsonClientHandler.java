package io.heartbeatharness.reference.wsjson;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.ClientConfig;
import io.heartbeatharness.reference.EventLog;
import io.heartbeatharness.reference.KnownBad;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Answers pings, watches for the server's silence (no ping for I + T means the server is dead), and asks for
 * a reconnect whenever the channel closes — from {@code channelInactive}, so every way of dying reconnects.
 */
public final class WsJsonClientHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final HeartbeatParams heartbeat;
    private final ClientConfig config;
    private final EventLog log;
    private final Runnable onConnected;
    private final Runnable onClosed;
    private final int slot;
    private ScheduledFuture<?> watchdog;
    private boolean handshakeDone;
    private int localPort;
    private int closeCode = 1006;
    private String closeBy = "abnormal";

    public WsJsonClientHandler(ClientConfig config, EventLog log, Runnable onConnected, Runnable onClosed, int slot) {
        this.config = config;
        this.heartbeat = config.heartbeat();
        this.log = log;
        this.onConnected = onConnected;
        this.onClosed = onClosed;
        this.slot = slot;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            handshakeDone = true;
            localPort = ctx.channel().localAddress() instanceof InetSocketAddress address ? address.getPort() : 0;
            onConnected.run();
            log.emit(EventLog.CONNECTED, "slot", slot, "local_port", localPort);
            armWatchdog(ctx);
        }
        super.userEventTriggered(ctx, evt);
    }

    private void armWatchdog(ChannelHandlerContext ctx) {
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        long silence = heartbeat.interval().plus(heartbeat.timeout()).toNanos();
        watchdog = ctx.executor().schedule(() -> {
            log.emit(EventLog.PEER_DEAD, "slot", slot, "local_port", localPort, "reason", "no ping within interval + timeout");
            ctx.close();
        }, silence, TimeUnit.NANOSECONDS);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            if ("ping".equals(WsJsonMessages.typeOf(text.text()))) {
                log.emit(EventLog.PING_RECEIVED, "slot", slot, "local_port", localPort);
                armWatchdog(ctx);
                if (!config.has(KnownBad.NEVER_PING)) {
                    ctx.writeAndFlush(new TextWebSocketFrame(WsJsonMessages.PONG));
                    log.emit(EventLog.PONG_SENT, "slot", slot, "local_port", localPort);
                }
            }
        } else if (frame instanceof CloseWebSocketFrame close) {
            closeCode = close.statusCode();
            closeBy = "peer";
            log.emit(EventLog.CLOSED, "slot", slot, "local_port", localPort, "code", close.statusCode(),
                    "reason", close.reasonText(), "by", "peer");
            closeBy = null;
            ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), close.reasonText()))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        if (closeBy != null) {
            log.emit(EventLog.CLOSED, "slot", slot, "local_port", localPort, "code", closeCode, "by", closeBy,
                    "handshake_done", handshakeDone);
        }
        onClosed.run();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
