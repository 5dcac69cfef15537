package io.heartbeatharness.reference.tcpkeepalive;

import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.KeepaliveSettings;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.common.RunningImplementation;
import io.heartbeatharness.reference.internal.ReconnectingClient;
import io.netty.channel.ChannelOption;

/**
 * Seeds 002 and 003's client: no application heartbeat; SO_KEEPALIVE with TCP_KEEPIDLE / KEEPINTVL / KEEPCNT on
 * its socket, and a reconnect with backoff whenever the kernel reports the connection dead (ETIMEDOUT after
 * unanswered probes, a reset, a FIN). {@link KnownBad#NEVER_PING} leaves keepalive off.
 *
 * <p>Keepalive probes only cover the leg they run on: through a user-space proxy they are answered by the
 * proxy's kernel, so a fault behind it is never seen (FACTS.md).
 */
public final class TcpKeepaliveClient {
    private TcpKeepaliveClient() {
    }

    public static RunningImplementation start(ClientConfig config, EventLog log) {
        KeepaliveSettings keepalive = config.keepaliveSettings();
        boolean enabled = !config.has(KnownBad.NEVER_PING);
        return ReconnectingClient.start(config, log, attempt -> new TcpKeepaliveClientInitializer(log, attempt),
                bootstrap -> KeepaliveOptions.apply(keepalive, enabled, new KeepaliveOptions.OptionSink() {
                    @Override
                    public <T> void accept(ChannelOption<T> option, T value) {
                        bootstrap.option(option, value);
                    }
                }));
    }
}
