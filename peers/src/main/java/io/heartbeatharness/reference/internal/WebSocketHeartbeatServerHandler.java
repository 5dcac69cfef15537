package io.heartbeatharness.reference.internal;

import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The server side of a WebSocket heartbeat: where the server pings, a ping every I and the client declared dead when
 * no pong came within T; where only the client pings, the client declared dead after I + T without one (see
 * {@link ServerHeartbeat}). A client's own pings are answered. A dead client's connection is closed with the configured
 * code (1001 "going away" when none), and every step is logged. The designs differ only in what a ping, a pong and
 * anything else look like on the wire.
 */
public abstract class WebSocketHeartbeatServerHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    /** RFC 6455 §7.4.1: 1001, the endpoint is going away — for a server told no close code of its own. */
    public static final int GOING_AWAY = 1001;
    /** Who pings when the configuration does not say: the server. */
    private static final HeartbeatModel.Pingers PAIRING = HeartbeatModel.Pingers.SERVER;

    /**
     * A frame to write, with the extra key/value pairs its events carry (e.g. a sequence number).
     *
     * @param frame  what goes on the wire
     * @param fields extra event fields
     */
    public record Outgoing(WebSocketFrame frame, List<Object> fields) {
    }

    protected final HeartbeatParams heartbeat;
    private final ServerConfig config;
    private final EventLog log;
    private ServerHeartbeat pings;
    private int closeCode = 1006;
    private String closeBy = "abnormal";
    private int remotePort;
    private boolean connected;
    private boolean declaredDead;

    protected WebSocketHeartbeatServerHandler(ServerConfig config, EventLog log) {
        this.config = config;
        this.heartbeat = config.heartbeat();
        this.log = log;
    }

    /** A ping of this server's own. */
    protected abstract Outgoing newPing();

    /** The extra fields of the pong {@code frame} carries, or {@code null} when it is no pong. */
    protected abstract List<Object> pong(WebSocketFrame frame);

    /** The answer to the client's ping {@code frame} carries, or {@code null} when it is no ping. */
    protected abstract Outgoing answer(WebSocketFrame frame);

    /** Any other frame but a close: a text frame is echoed; a protocol with messages of its own overrides this. */
    protected void other(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            ctx.writeAndFlush(new TextWebSocketFrame(text.text()));
        }
    }

    /** The WebSocket is open: a protocol with a session handshake writes it here; returns extra {@code connected} fields. */
    protected List<Object> opened(ChannelHandlerContext ctx) {
        return List.of();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            remotePort = ctx.channel().remoteAddress() instanceof InetSocketAddress address ? address.getPort() : 0;
            connected = true;
            log.emit(PeerEvents.CONNECTED, fields(opened(ctx)));
            pings = ServerHeartbeat.start(ctx.executor(), config, PAIRING, () -> ping(ctx), () -> missedPong(ctx));
        }
        super.userEventTriggered(ctx, evt);
    }

    private void ping(ChannelHandlerContext ctx) {
        Outgoing ping = newPing();
        ctx.writeAndFlush(ping.frame());
        log.emit(PeerEvents.PING_SENT, fields(ping.fields()));
    }

    private void missedPong(ChannelHandlerContext ctx) {
        if (declaredDead || !ctx.channel().isActive()) {
            return;
        }
        declaredDead = true;
        log.emit(PeerEvents.PEER_DEAD, "remote_port", remotePort,
                "reason", pings.pings() ? "no pong within timeout" : "no ping within interval + timeout",
                "timeout_ms", heartbeat.timeout().toMillis());
        if (config.has(KnownBad.NEVER_CLOSE)) {
            return;
        }
        closeCode = heartbeat.closeCode() == null ? GOING_AWAY : heartbeat.closeCode();
        closeBy = "self";
        ctx.writeAndFlush(new CloseWebSocketFrame(closeCode, heartbeat.closeReason())).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame close) {
            closeCode = close.statusCode();
            closeBy = "peer";
            ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), close.reasonText()))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        List<Object> pong = pong(frame);
        if (pong != null) {
            if (pings != null) {
                pings.pongReceived();
            }
            log.emit(PeerEvents.PONG_RECEIVED, fields(pong));
            return;
        }
        Outgoing answer = answer(frame);
        if (answer != null) {
            log.emit(PeerEvents.PING_RECEIVED, fields(answer.fields()));
            if (pings != null) {
                pings.pingReceived();
            }
            ctx.writeAndFlush(answer.frame());
            log.emit(PeerEvents.PONG_SENT, fields(answer.fields()));
            return;
        }
        other(ctx, frame);
    }

    /** Closes the connection because the client asked to at the protocol's own level (not a WebSocket Close). */
    protected void closedByPeer(ChannelHandlerContext ctx, int code) {
        closeCode = code;
        closeBy = "peer";
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (pings != null) {
            pings.stop();
        }
        if (connected) {
            log.emit(PeerEvents.CLOSED, "remote_port", remotePort, "code", closeCode, "by", closeBy);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private Object[] fields(List<Object> extra) {
        List<Object> fields = new ArrayList<>(List.of("remote_port", remotePort));
        fields.addAll(extra);
        return fields.toArray();
    }
}
