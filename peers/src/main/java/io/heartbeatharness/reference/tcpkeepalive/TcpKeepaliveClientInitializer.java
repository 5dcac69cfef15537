package io.heartbeatharness.reference.tcpkeepalive;

import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.internal.ClientSlot;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/** The tcp-keepalive client pipeline: just the handler; the heartbeat lives in the kernel. */
final class TcpKeepaliveClientInitializer extends ChannelInitializer<Channel> {
    private final EventLog log;
    private final ClientSlot.Attempt attempt;

    TcpKeepaliveClientInitializer(EventLog log, ClientSlot.Attempt attempt) {
        this.log = log;
        this.attempt = attempt;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast(new TcpKeepaliveClientHandler(log, attempt));
    }
}
