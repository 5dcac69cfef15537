package io.heartbeatharness.reference.tcpkeepalive;

import io.heartbeatharness.reference.common.EventLog;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/** The tcp-keepalive server pipeline: just the handler; the heartbeat lives in the kernel. */
final class TcpKeepaliveServerInitializer extends ChannelInitializer<Channel> {
    private final EventLog log;

    TcpKeepaliveServerInitializer(EventLog log) {
        this.log = log;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast(new TcpKeepaliveServerHandler(log));
    }
}
