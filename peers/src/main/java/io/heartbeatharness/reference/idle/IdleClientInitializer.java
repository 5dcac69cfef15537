package io.heartbeatharness.reference.idle;

import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.internal.ClientSlot;
import io.heartbeatharness.reference.line.LineProtocol;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/** The idle client pipeline: writer-idle detection (I), line framing, then the handler that pings and reconnects. */
final class IdleClientInitializer extends ChannelInitializer<Channel> {
    private final ClientConfig config;
    private final EventLog log;
    private final ClientSlot.Attempt attempt;

    IdleClientInitializer(ClientConfig config, EventLog log, ClientSlot.Attempt attempt) {
        this.config = config;
        this.log = log;
        this.attempt = attempt;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast("idle", new IdleStateHandler(
                0, config.heartbeat().interval().toNanos(), 0, TimeUnit.NANOSECONDS));
        LineProtocol.addCodec(ch.pipeline());
        ch.pipeline().addLast(new IdleClientHandler(config, log, attempt));
    }
}
