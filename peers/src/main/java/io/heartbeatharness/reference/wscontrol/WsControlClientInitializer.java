package io.heartbeatharness.reference.wscontrol;

import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.internal.ClientSlot;
import io.heartbeatharness.reference.internal.WebSocketClientPipelines;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

import java.net.URI;

/**
 * The ws-control client pipeline: HTTP upgrade to WebSocket (passing Pings on instead of answering them), then
 * the heartbeat handler, which answers them itself.
 */
final class WsControlClientInitializer extends ChannelInitializer<Channel> {
    private final URI uri;
    private final ClientConfig config;
    private final EventLog log;
    private final ClientSlot.Attempt attempt;

    WsControlClientInitializer(URI uri, ClientConfig config, EventLog log, ClientSlot.Attempt attempt) {
        this.uri = uri;
        this.config = config;
        this.log = log;
        this.attempt = attempt;
    }

    @Override
    protected void initChannel(Channel ch) {
        // Pongs answer this client's own pings, where it sends them: Netty drops them unless told not to.
        WebSocketClientPipelines.install(ch, uri, config,
                settings -> new PingPassingClientProtocolHandler(settings.dropPongFrames(false).build()),
                new WsControlClientHandler(config, log, attempt));
    }
}
