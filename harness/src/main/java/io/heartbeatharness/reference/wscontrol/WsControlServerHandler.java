package io.heartbeatharness.reference.wscontrol;

import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.EventLog;
import io.heartbeatharness.reference.KnownBad;
import io.heartbeatharness.reference.ServerConfig;
import io.heartbeatharness.reference.internal.ServerHeartbeat;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.net.InetSocketAddress;

/**
 * Server-driven control-frame heartbeat: a Ping every I carrying an 8-byte sequence number; when no Pong came
 * within T of a Ping the client is declared dead and the connection closed with the configured code (1001
 * "going away" when none is configured). Detection therefore takes at most I + T after the last Pong.
 * A client's own Pings are answered with a Pong echoing their payload; where only the client pings, the server
 * declares it dead after I + T without one. Text frames are echoed.
 */
public final class WsControlServerHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    /** Who pings when the configuration does not say: the server. */
    private static final HeartbeatModel.Pingers PAIRING = HeartbeatModel.Pingers.SERVER;
    /** RFC 6455 §7.4.1: 1001, the endpoint is going away. */
    static final int GOING_AWAY = 1001;

    private final HeartbeatParams heartbeat;
    private final ServerConfig config;
    private final EventLog log;
    private ServerHeartbeat pings;
    private long sequence;
    private int closeCode = 1006;
    private String closeBy = "abnormal";
    private int remotePort;
    private boolean connected;
    private boolean declaredDead;

    public WsControlServerHandler(ServerConfig config, EventLog log) {
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
        long seq = ++sequence;
        ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.copyLong(seq)));
        log.emit(EventLog.PING_SENT, "remote_port", remotePort, "seq", seq);
    }

    private void missedPong(ChannelHandlerContext ctx) {
        if (declaredDead || !ctx.channel().isActive()) {
            return;
        }
        declaredDead = true;
        log.emit(EventLog.PEER_DEAD, "remote_port", remotePort,
                "reason", pings.pings() ? "no pong within timeout" : "no ping within interval + timeout",
                "timeout_ms", heartbeat.timeout().toMillis(), "seq", sequence);
        if (config.has(KnownBad.NEVER_CLOSE)) {
            return;
        }
        closeCode = heartbeat.closeCode() == null ? GOING_AWAY : heartbeat.closeCode();
        closeBy = "self";
        ctx.writeAndFlush(new CloseWebSocketFrame(closeCode, heartbeat.closeReason()))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof PongWebSocketFrame pong) {
            // RFC 6455 §5.5.3 allows unsolicited Pongs as a one-way heartbeat: any Pong is a sign of life.
            if (pings != null) {
                pings.pongReceived();
            }
            log.emit(EventLog.PONG_RECEIVED, "remote_port", remotePort,
                    "seq", pong.content().readableBytes() == Long.BYTES ? pong.content().getLong(pong.content().readerIndex()) : null);
        } else if (frame instanceof PingWebSocketFrame ping) {
            Long seq = ping.content().readableBytes() == Long.BYTES ? ping.content().getLong(ping.content().readerIndex()) : null;
            log.emit(EventLog.PING_RECEIVED, "remote_port", remotePort, "seq", seq);
            if (pings != null) {
                pings.pingReceived();
            }
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retainedDuplicate()));
            log.emit(EventLog.PONG_SENT, "remote_port", remotePort, "seq", seq);
        } else if (frame instanceof TextWebSocketFrame text) {
            ctx.writeAndFlush(new TextWebSocketFrame(text.text()));
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
