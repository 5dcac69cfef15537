package io.heartbeatharness.reference.line;

import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.ServerConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/** The line server pipeline: line framing, then the heartbeat handler (which the sweep reaches by user events). */
final class LineServerInitializer extends ChannelInitializer<Channel> {
    private final ServerConfig config;
    private final EventLog log;
    private final LineSweeper sweeper;

    LineServerInitializer(ServerConfig config, EventLog log, LineSweeper sweeper) {
        this.config = config;
        this.log = log;
        this.sweeper = sweeper;
    }

    @Override
    protected void initChannel(Channel ch) {
        LineProtocol.addCodec(ch.pipeline());
        ch.pipeline().addLast(new LineServerHandler(config, log, sweeper));
    }
}
