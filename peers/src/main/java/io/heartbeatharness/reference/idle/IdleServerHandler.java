package io.heartbeatharness.reference.idle;

import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.reference.line.LineProtocol;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

import java.net.InetSocketAddress;

/**
 * Reacts to what the {@code IdleStateHandler} in front of it detects: on reader-idle the client is declared
 * dead and the connection closed. Answers {@code ping} with {@code pong} and echoes anything else.
 */
public final class IdleServerHandler extends SimpleChannelInboundHandler<String> {
    private final ServerConfig config;
    private final EventLog log;
    private int remotePort;
    private boolean active;
    private boolean declaredDead;
    private String closeBy = "peer";

    public IdleServerHandler(ServerConfig config, EventLog log) {
        this.config = config;
        this.log = log;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        active = true;
        remotePort = ctx.channel().remoteAddress() instanceof InetSocketAddress address ? address.getPort() : 0;
        log.emit(PeerEvents.CONNECTED, "remote_port", remotePort);
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
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
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE && !declaredDead) {
            declaredDead = true;
            log.emit(PeerEvents.PEER_DEAD, "remote_port", remotePort, "reason", "reader idle for interval + timeout",
                    "reader_idle_ms", IdleServer.readerIdle(config.heartbeat()).toMillis());
            if (!config.has(KnownBad.NEVER_CLOSE)) {
                closeBy = "self";
                ctx.close();
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
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
