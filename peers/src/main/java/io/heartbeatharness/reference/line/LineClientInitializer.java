package io.heartbeatharness.reference.line;

import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.internal.ClientSlot;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/** The line client pipeline: line framing, then the heartbeat handler. */
final class LineClientInitializer extends ChannelInitializer<Channel> {
    private final ClientConfig config;
    private final EventLog log;
    private final ClientSlot.Attempt attempt;

    LineClientInitializer(ClientConfig config, EventLog log, ClientSlot.Attempt attempt) {
        this.config = config;
        this.log = log;
        this.attempt = attempt;
    }

    @Override
    protected void initChannel(Channel ch) {
        LineProtocol.addCodec(ch.pipeline());
        ch.pipeline().addLast(new LineClientHandler(config, log, attempt));
    }
}
