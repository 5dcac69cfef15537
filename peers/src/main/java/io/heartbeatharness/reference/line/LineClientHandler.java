package io.heartbeatharness.reference.line;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.internal.ClientSlot;
import io.heartbeatharness.reference.internal.PingSchedule;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Client-driven heartbeat: {@code ping} at once on connecting (so a connection that only looks open is found
 * out within T) and every I after; a ping unanswered for T means the server is dead. The connection is reported
 * lost both from that pong timeout and from {@code channelInactive}.
 */
public final class LineClientHandler extends SimpleChannelInboundHandler<String> {
    private final HeartbeatParams heartbeat;
    private final ClientConfig config;
    private final EventLog log;
    private final ClientSlot.Attempt attempt;
    private PingSchedule pings;
    private int localPort;
    private String closeBy = "peer";

    public LineClientHandler(ClientConfig config, EventLog log, ClientSlot.Attempt attempt) {
        this.config = config;
        this.heartbeat = config.heartbeat();
        this.log = log;
        this.attempt = attempt;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        localPort = ctx.channel().localAddress() instanceof InetSocketAddress address ? address.getPort() : 0;
        attempt.connected(ctx.channel());
        if (!config.has(KnownBad.NEVER_PING)) {
            pings = new PingSchedule(ctx.executor(), heartbeat.interval(), heartbeat.timeout(),
                    () -> ping(ctx), () -> missedPong(ctx));
            pings.start(Duration.ZERO);
        }
        super.channelActive(ctx);
    }

    private void ping(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(LineProtocol.PING);
        log.emit(PeerEvents.PING_SENT, "slot", attempt.slot(), "local_port", localPort);
    }

    private void missedPong(ChannelHandlerContext ctx) {
        pings.stop();
        log.emit(PeerEvents.PEER_DEAD, "slot", attempt.slot(), "local_port", localPort, "reason", "no pong within timeout",
                "timeout_ms", heartbeat.timeout().toMillis());
        closeBy = "self";
        attempt.lost("pong timeout");
        ctx.close();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
        if (LineProtocol.PONG.equals(line)) {
            if (pings != null) {
                pings.pongReceived();
            }
            log.emit(PeerEvents.PONG_RECEIVED, "slot", attempt.slot(), "local_port", localPort);
            attempt.healthy();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (pings != null) {
            pings.stop();
        }
        log.emit(PeerEvents.CLOSED, "slot", attempt.slot(), "local_port", localPort, "by", closeBy);
        attempt.lost("channel inactive");
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
