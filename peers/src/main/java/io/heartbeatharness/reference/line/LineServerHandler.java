package io.heartbeatharness.reference.line;

import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.reference.internal.Deadline;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One line-server connection: every message counts as a sign of life, {@code ping} is answered with
 * {@code pong}, other lines are echoed; when the sweep finds the connection silent for longer than I + T
 * (or, without a sweep, the exact timer runs out) the peer is declared dead and the connection closed.
 */
public final class LineServerHandler extends SimpleChannelInboundHandler<String> {
    private final ServerConfig config;
    private final EventLog log;
    private final LineSweeper sweeper;
    private Deadline exact;
    private int remotePort;
    private boolean active;
    private boolean declaredDead;
    private String closeBy = "peer";

    /** @param sweeper the server's sweep, or {@code null} for an exact per-connection timer */
    public LineServerHandler(ServerConfig config, EventLog log, LineSweeper sweeper) {
        this.config = config;
        this.log = log;
        this.sweeper = sweeper;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            begin(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        begin(ctx);
        super.channelActive(ctx);
    }

    private void begin(ChannelHandlerContext ctx) {
        if (active) {
            return;
        }
        active = true;
        remotePort = ctx.channel().remoteAddress() instanceof InetSocketAddress address ? address.getPort() : 0;
        log.emit(PeerEvents.CONNECTED, "remote_port", remotePort);
        if (sweeper != null) {
            sweeper.track(ctx.channel());
        } else {
            Duration allowance = LineServer.allowance(config.heartbeat());
            exact = new Deadline(ctx.executor(), allowance, () -> silent(ctx, allowance.toNanos()));
            exact.arm();
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
        if (sweeper != null) {
            sweeper.heard(ctx.channel());
        } else if (exact != null) {
            exact.arm();
        }
        if (LineProtocol.PING.equals(line)) {
            log.emit(PeerEvents.PING_RECEIVED, "remote_port", remotePort);
            ctx.writeAndFlush(LineProtocol.PONG);
            log.emit(PeerEvents.PONG_SENT, "remote_port", remotePort);
        } else {
            ctx.writeAndFlush(line);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof LineSweeper.Silent silent) {
            silent(ctx, silent.silentNanos());
        }
        super.userEventTriggered(ctx, evt);
    }

    private void silent(ChannelHandlerContext ctx, long silentNanos) {
        if (declaredDead || !ctx.channel().isActive()) {
            return;
        }
        declaredDead = true;
        log.emit(PeerEvents.PEER_DEAD, "remote_port", remotePort, "reason",
                sweeper != null ? "silent longer than interval + timeout at a sweep" : "silent longer than interval + timeout",
                "silent_ms", TimeUnit.NANOSECONDS.toMillis(silentNanos));
        if (config.has(KnownBad.NEVER_CLOSE)) {
            return;
        }
        closeBy = "self";
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (sweeper != null) {
            sweeper.untrack(ctx.channel());
        }
        if (exact != null) {
            exact.cancel();
        }
        if (active) {
            log.emit(PeerEvents.CLOSED, "remote_port", remotePort, "by", closeBy);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
