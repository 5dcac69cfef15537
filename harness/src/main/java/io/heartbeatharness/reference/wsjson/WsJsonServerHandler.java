package io.heartbeatharness.reference.wsjson;

import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.EventLog;
import io.heartbeatharness.reference.KnownBad;
import io.heartbeatharness.reference.ServerConfig;
import io.heartbeatharness.reference.internal.ServerHeartbeat;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.net.InetSocketAddress;

/**
 * Server-driven heartbeat: a ping every I; when no pong arrived within T of a ping, the peer is declared dead
 * and the connection closed with the configured code — so detection takes at most I + T after the last pong.
 * A client's own pings are answered with a pong; where only the client pings, the server declares it dead after
 * I + T without one. Any other text frame is echoed.
 */
public final class WsJsonServerHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    /** Who pings when the configuration does not say: the server (seed 000). */
    private static final HeartbeatModel.Pingers PAIRING = HeartbeatModel.Pingers.SERVER;
    /** RFC 6455 "going away", for a server told no close code of its own. */
    static final int GOING_AWAY = 1001;

    private final HeartbeatParams heartbeat;
    private final ServerConfig config;
    private final EventLog log;
    private ServerHeartbeat pings;
    private int closeCode = 1006;
    private String closeBy = "abnormal";
    private int remotePort;
    private boolean connected;
    private boolean declaredDead;

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
            pings = ServerHeartbeat.start(ctx.executor(), config, PAIRING, () -> ping(ctx), () -> missedPong(ctx));
        }
        super.userEventTriggered(ctx, evt);
    }

    private void ping(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(new TextWebSocketFrame(WsJsonMessages.PING));
        log.emit(EventLog.PING_SENT, "remote_port", remotePort);
    }

    private void missedPong(ChannelHandlerContext ctx) {
        if (declaredDead || !ctx.channel().isActive()) {
            return;
        }
        declaredDead = true;
        log.emit(EventLog.PEER_DEAD, "remote_port", remotePort,
                "reason", pings.pings() ? "no pong within timeout" : "no ping within interval + timeout",
                "timeout_ms", heartbeat.timeout().toMillis());
        if (config.has(KnownBad.NEVER_CLOSE)) {
            return;
        }
        int code = heartbeat.closeCode() == null ? GOING_AWAY : heartbeat.closeCode();
        closeCode = code;
        closeBy = "self";
        ctx.writeAndFlush(new CloseWebSocketFrame(code, heartbeat.closeReason())).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            String body = text.text();
            String type = WsJsonMessages.typeOf(body);
            if ("pong".equals(type)) {
                if (pings != null) {
                    pings.pongReceived();
                }
                log.emit(EventLog.PONG_RECEIVED, "remote_port", remotePort);
            } else if ("ping".equals(type)) {
                log.emit(EventLog.PING_RECEIVED, "remote_port", remotePort);
                if (pings != null) {
                    if (pings != null) {
                pings.pingReceived();
            }
                }
                ctx.writeAndFlush(new TextWebSocketFrame(WsJsonMessages.PONG));
                log.emit(EventLog.PONG_SENT, "remote_port", remotePort);
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
        if (pings != null) {
            pings.stop();
        }
        if (connected) {
            log.emit(EventLog.CLOSED, "remote_port", remotePort, "code", closeCode, "by", closeBy);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
