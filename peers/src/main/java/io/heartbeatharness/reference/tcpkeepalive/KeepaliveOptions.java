package io.heartbeatharness.reference.tcpkeepalive;

import io.heartbeatharness.reference.common.KeepaliveSettings;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import jdk.net.ExtendedSocketOptions;

import java.util.function.BiConsumer;

/**
 * The socket options of the tcp-keepalive design: {@code SO_KEEPALIVE} plus {@code jdk.net.ExtendedSocketOptions}'
 * TCP_KEEPIDLE / TCP_KEEPINTERVAL / TCP_KEEPCOUNT through Netty's NIO transport (whole seconds, see
 * {@link KeepaliveSettings}).
 */
final class KeepaliveOptions {
    static final ChannelOption<Integer> KEEPIDLE = NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE);
    static final ChannelOption<Integer> KEEPINTVL = NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL);
    static final ChannelOption<Integer> KEEPCNT = NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT);

    private KeepaliveOptions() {
    }

    /** Hands every option to {@code set} (a bootstrap's {@code option} or {@code childOption}); none when off. */
    static void apply(KeepaliveSettings settings, boolean enabled, OptionSink set) {
        set.accept(ChannelOption.SO_KEEPALIVE, enabled);
        if (enabled) {
            set.accept(KEEPIDLE, settings.idleSeconds());
            set.accept(KEEPINTVL, settings.intervalSeconds());
            set.accept(KEEPCNT, settings.count());
        }
    }

    /** What the kernel holds for {@code channel}, as event fields: proof the options took. */
    static Object[] effective(Channel channel) {
        boolean on = Boolean.TRUE.equals(channel.config().getOption(ChannelOption.SO_KEEPALIVE));
        if (!on) {
            return new Object[] {"so_keepalive", false};
        }
        return new Object[] {"so_keepalive", true,
                "keepidle_s", channel.config().getOption(KEEPIDLE),
                "keepintvl_s", channel.config().getOption(KEEPINTVL),
                "keepcnt", channel.config().getOption(KEEPCNT)};
    }

    /** A typed {@code (option, value)} consumer, since a {@link BiConsumer} cannot carry the type parameter. */
    interface OptionSink {
        <T> void accept(ChannelOption<T> option, T value);
    }
}
