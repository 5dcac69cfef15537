package io.heartbeatharness.reference.tcpkeepalive;

import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.internal.ClientSlot;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Reports the connection (with the keepalive options the kernel holds) and turns the kernel's verdict into
 * events: an {@link IOException} declares the server dead; any close reports the connection lost.
 */
public final class TcpKeepaliveClientHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private final EventLog log;
    private final ClientSlot.Attempt attempt;
    private int localPort;
    private String closeBy = "peer";

    public TcpKeepaliveClientHandler(EventLog log, ClientSlot.Attempt attempt) {
        this.log = log;
        this.attempt = attempt;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        localPort = ctx.channel().localAddress() instanceof InetSocketAddress address ? address.getPort() : 0;
        attempt.connected(ctx.channel(), KeepaliveOptions.effective(ctx.channel()));
        // Nothing else can prove the connection: being up is all the health there is.
        attempt.healthy();
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf bytes) {
        // No protocol: whatever the server sends is ignored.
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.emit(PeerEvents.PEER_DEAD, "slot", attempt.slot(), "local_port", localPort,
                    "reason", "kernel: " + cause.getMessage());
            closeBy = "kernel";
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        log.emit(PeerEvents.CLOSED, "slot", attempt.slot(), "local_port", localPort, "by", closeBy);
        attempt.lost("channel inactive");
        super.channelInactive(ctx);
    }
}
