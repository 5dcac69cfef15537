package io.heartbeatharness.reference.idle;

import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.reference.line.LineProtocol;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/** The idle server pipeline: reader-idle detection (I + T), line framing, then the handler that reacts. */
final class IdleServerInitializer extends ChannelInitializer<Channel> {
    private final ServerConfig config;
    private final EventLog log;

    IdleServerInitializer(ServerConfig config, EventLog log) {
        this.config = config;
        this.log = log;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast("idle", new IdleStateHandler(
                IdleServer.readerIdle(config.heartbeat()).toNanos(), 0, 0, TimeUnit.NANOSECONDS));
        LineProtocol.addCodec(ch.pipeline());
        ch.pipeline().addLast(new IdleServerHandler(config, log));
    }
}
