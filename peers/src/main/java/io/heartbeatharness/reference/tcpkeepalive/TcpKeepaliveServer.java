package io.heartbeatharness.reference.tcpkeepalive;

import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.KeepaliveSettings;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.common.RunningImplementation;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.reference.internal.ReferenceServer;
import io.netty.channel.ChannelOption;

/**
 * Seeds 002 and 003's server: no application heartbeat at all. Every accepted socket gets SO_KEEPALIVE with
 * TCP_KEEPIDLE / KEEPINTVL / KEEPCNT, and the kernel reports a dead client after idle + intvl × cnt of silence;
 * the server then closes. It echoes whatever it reads. {@link KnownBad#NEVER_CLOSE} leaves keepalive off, so a
 * dead client is never noticed.
 */
public final class TcpKeepaliveServer {
    private TcpKeepaliveServer() {
    }

    public static RunningImplementation start(ServerConfig config, EventLog log) {
        KeepaliveSettings keepalive = config.keepaliveSettings();
        boolean enabled = !config.has(KnownBad.NEVER_CLOSE);
        return ReferenceServer.start("tcp-keepalive", config, log, loop -> new TcpKeepaliveServerInitializer(log),
                bootstrap -> KeepaliveOptions.apply(keepalive, enabled, new KeepaliveOptions.OptionSink() {
                    @Override
                    public <T> void accept(ChannelOption<T> option, T value) {
                        bootstrap.childOption(option, value);
                    }
                }), "so_keepalive", enabled, "keepidle_s", keepalive.idleSeconds(),
                "keepintvl_s", keepalive.intervalSeconds(), "keepcnt", keepalive.count());
    }
}
