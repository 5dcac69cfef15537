package io.heartbeatharness.reference.tcpkeepalive;

import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Echoes bytes and turns the kernel's verdict into events: an {@link IOException} on the socket (ETIMEDOUT once
 * keepalive probes went unanswered, or a reset) declares the client dead and closes.
 */
public final class TcpKeepaliveServerHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private final EventLog log;
    private int remotePort;
    private boolean active;
    private String closeBy = "peer";

    public TcpKeepaliveServerHandler(EventLog log) {
        this.log = log;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        active = true;
        remotePort = ctx.channel().remoteAddress() instanceof InetSocketAddress address ? address.getPort() : 0;
        List<Object> fields = new ArrayList<>(List.of("remote_port", remotePort));
        fields.addAll(List.of(KeepaliveOptions.effective(ctx.channel())));
        log.emit(PeerEvents.CONNECTED, fields.toArray());
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf bytes) {
        ctx.writeAndFlush(bytes.retain());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.emit(PeerEvents.PEER_DEAD, "remote_port", remotePort, "reason", "kernel: " + cause.getMessage());
            closeBy = "kernel";
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (active) {
            log.emit(PeerEvents.CLOSED, "remote_port", remotePort, "by", closeBy);
        }
        super.channelInactive(ctx);
    }
}
