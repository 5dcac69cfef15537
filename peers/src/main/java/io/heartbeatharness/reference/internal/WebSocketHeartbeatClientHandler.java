package io.heartbeatharness.reference.internal;

import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The client side of a WebSocket heartbeat: answers the server's pings and watches for its silence (no ping for
 * I + T means the server is dead); where the client pings too, it sends a ping every I and declares the server dead
 * when no pong came within T. It reports the connection lost whenever the channel closes — from
 * {@code channelInactive}, so every way of dying reconnects. The designs differ only in what a ping and a pong look
 * like on the wire ({@link #ping}, {@link #newPing}, {@link #isPong}).
 */
public abstract class WebSocketHeartbeatClientHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    /**
     * A ping read from a frame.
     *
     * @param fields extra key/value pairs for the ping and pong events (e.g. a sequence number)
     * @param pong   makes the answering frame; called only when the answer is really sent
     */
    public record Ping(List<Object> fields, Supplier<WebSocketFrame> pong) {
    }

    /** Who pings when the configuration does not say: the server. */
    private static final HeartbeatModel.Pingers PAIRING = HeartbeatModel.Pingers.SERVER;

    private final HeartbeatParams heartbeat;
    private final ClientConfig config;
    private final EventLog log;
    private final ClientSlot.Attempt attempt;
    private Deadline silence;
    private PingSchedule pings;
    private long sequence;
    private boolean handshakeDone;
    private int localPort;
    private int closeCode = 1006;
    private String closeBy = "abnormal";

    protected WebSocketHeartbeatClientHandler(ClientConfig config, EventLog log, ClientSlot.Attempt attempt) {
        this.config = config;
        this.heartbeat = config.heartbeat();
        this.log = log;
        this.attempt = attempt;
    }

    /** The ping {@code frame} carries, or {@code null} when it is not one. Never called for a close frame. */
    protected abstract Ping ping(WebSocketFrame frame);

    /** A ping of this client's own, carrying {@code seq} where the wire format has room for it. */
    protected abstract WebSocketFrame newPing(long seq);

    /** Whether {@code frame} answers one of this client's pings. */
    protected abstract boolean isPong(WebSocketFrame frame);

    /** Called once the WebSocket is open, before any heartbeat: a protocol with a session handshake writes it here. */
    protected void opened(ChannelHandlerContext ctx) {
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            handshakeDone = true;
            localPort = ctx.channel().localAddress() instanceof InetSocketAddress address ? address.getPort() : 0;
            attempt.connected(ctx.channel());
            attempt.healthy();
            opened(ctx);
            if (config.hearsPings(PAIRING)) {
                silence = new Deadline(ctx.executor(), heartbeat.interval().plus(heartbeat.timeout()),
                        () -> peerDead(ctx, "no ping within interval + timeout"));
                silence.arm();
            }
            if (config.sendsPings(PAIRING) && !config.has(KnownBad.NEVER_PING)) {
                pings = new PingSchedule(ctx.executor(), heartbeat.interval(), heartbeat.timeout(), () -> {
                    long seq = ++sequence;
                    ctx.writeAndFlush(newPing(seq));
                    log.emit(PeerEvents.PING_SENT, "slot", attempt.slot(), "local_port", localPort, "seq", seq);
                }, () -> peerDead(ctx, "no pong within timeout"));
                pings.start(heartbeat.interval());
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    private void peerDead(ChannelHandlerContext ctx, String reason) {
        if (!"abnormal".equals(closeBy) || !ctx.channel().isActive()) {
            return;
        }
        log.emit(PeerEvents.PEER_DEAD, "slot", attempt.slot(), "local_port", localPort, "reason", reason);
        closeBy = "self";
        ctx.close();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame close) {
            closeCode = close.statusCode();
            log.emit(PeerEvents.CLOSED, "slot", attempt.slot(), "local_port", localPort, "code", close.statusCode(),
                    "reason", close.reasonText(), "by", "peer");
            closeBy = null;
            ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), close.reasonText()))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (pings != null && isPong(frame)) {
            pings.pongReceived();
            log.emit(PeerEvents.PONG_RECEIVED, "slot", attempt.slot(), "local_port", localPort);
            return;
        }
        Ping ping = ping(frame);
        if (ping == null) {
            return;
        }
        log.emit(PeerEvents.PING_RECEIVED, fields(ping));
        if (silence != null) {
            silence.arm();
        }
        if (!config.has(KnownBad.NEVER_PING)) {
            ctx.writeAndFlush(ping.pong().get());
            log.emit(PeerEvents.PONG_SENT, fields(ping));
        }
    }

    private Object[] fields(Ping ping) {
        List<Object> fields = new ArrayList<>(List.of("slot", attempt.slot(), "local_port", localPort));
        fields.addAll(ping.fields());
        return fields.toArray();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (silence != null) {
            silence.cancel();
        }
        if (pings != null) {
            pings.stop();
        }
        if (closeBy != null) {
            log.emit(PeerEvents.CLOSED, "slot", attempt.slot(), "local_port", localPort, "code", closeCode, "by", closeBy,
                    "handshake_done", handshakeDone);
        }
        if ("self".equals(closeBy) && config.has(KnownBad.NO_RECONNECT_AFTER_PING_TIMEOUT)) {
            super.channelInactive(ctx);
            return;
        }
        attempt.lost("channel inactive");
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
