package io.heartbeatharness.reference.idle;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.internal.ClientSlot;
import io.heartbeatharness.reference.internal.PingSchedule;
import io.heartbeatharness.reference.line.LineProtocol;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

import java.net.InetSocketAddress;

/**
 * Reacts to the writer-idle event of the {@code IdleStateHandler} in front of it by sending {@code ping}, and
 * sends one on connecting too (cim's login), so a connection that only looks open is found out within T.
 * A ping unanswered for T means the server is dead; the connection is reported lost from that pong timeout and
 * from {@code channelInactive}.
 *
 * <p>With {@link KnownBad#RECONNECT_ONLY_FROM_IDLE_EVENT} it makes seed 004's mistake instead: no pong timeout of
 * its own, and reconnecting only from {@code userEventTriggered} when the last read is older than I + T. When the
 * server dies the channel closes, {@code IdleStateHandler.channelInactive} cancels its timers, no idle event ever
 * comes again, and the client stays disconnected for good.
 */
public final class IdleClientHandler extends SimpleChannelInboundHandler<String> {
    private final HeartbeatParams heartbeat;
    private final ClientConfig config;
    private final EventLog log;
    private final ClientSlot.Attempt attempt;
    private final boolean onlyFromIdleEvent;
    private PingSchedule pongs;
    private long lastReadNanos;
    private int localPort;
    private String closeBy = "peer";

    public IdleClientHandler(ClientConfig config, EventLog log, ClientSlot.Attempt attempt) {
        this.config = config;
        this.heartbeat = config.heartbeat();
        this.log = log;
        this.attempt = attempt;
        this.onlyFromIdleEvent = config.has(KnownBad.RECONNECT_ONLY_FROM_IDLE_EVENT);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        localPort = ctx.channel().localAddress() instanceof InetSocketAddress address ? address.getPort() : 0;
        lastReadNanos = now(ctx);
        attempt.connected(ctx.channel());
        if (!onlyFromIdleEvent) {
            // The idle event decides when to ping; this keeps only the pong deadline.
            pongs = new PingSchedule(ctx.executor(), heartbeat.interval(), heartbeat.timeout(), () -> { },
                    () -> missedPong(ctx));
        }
        if (!config.has(KnownBad.NEVER_PING)) {
            ping(ctx);
        }
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.WRITER_IDLE) {
            if (onlyFromIdleEvent && now(ctx) - lastReadNanos > heartbeat.interval().plus(heartbeat.timeout()).toNanos()) {
                log.emit(PeerEvents.PEER_DEAD, "slot", attempt.slot(), "local_port", localPort,
                        "reason", "nothing read within interval + timeout (checked on writer idle)");
                closeBy = "self";
                attempt.lost("idle check");
                ctx.close();
                return;
            }
            if (!config.has(KnownBad.NEVER_PING)) {
                ping(ctx);
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    private void ping(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(LineProtocol.PING);
        log.emit(PeerEvents.PING_SENT, "slot", attempt.slot(), "local_port", localPort);
        if (pongs != null) {
            pongs.pingSent();
        }
    }

    private void missedPong(ChannelHandlerContext ctx) {
        pongs.stop();
        log.emit(PeerEvents.PEER_DEAD, "slot", attempt.slot(), "local_port", localPort, "reason", "no pong within timeout",
                "timeout_ms", heartbeat.timeout().toMillis());
        closeBy = "self";
        attempt.lost("pong timeout");
        ctx.close();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
        lastReadNanos = now(ctx);
        if (LineProtocol.PONG.equals(line)) {
            if (pongs != null) {
                pongs.pongReceived();
            }
            log.emit(PeerEvents.PONG_RECEIVED, "slot", attempt.slot(), "local_port", localPort);
            attempt.healthy();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (pongs != null) {
            pongs.stop();
        }
        log.emit(PeerEvents.CLOSED, "slot", attempt.slot(), "local_port", localPort, "by", closeBy);
        if (!onlyFromIdleEvent) {
            attempt.lost("channel inactive");
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private static long now(ChannelHandlerContext ctx) {
        return ctx.executor().ticker().nanoTime();
    }
}
