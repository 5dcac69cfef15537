package io.heartbeatharness.proxy.toxics;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.util.AttributeKey;

/**
 * What a toxic may ask of the connection it runs on besides writing bytes: closing or resetting it.
 *
 * <p>The proxy puts its implementation on both channels of a connection (attribute {@link #KEY}); without one,
 * as in a unit test on an {@code EmbeddedChannel}, the channel the handler sits on is acted upon directly.
 */
public interface ToxicControl {
    AttributeKey<ToxicControl> KEY = AttributeKey.valueOf(ToxicControl.class, "control");

    /** Closes the destination socket from this handler onwards; the proxy then closes the other socket too. */
    void close(ChannelHandlerContext ctx, String cause);

    /** Resets both sockets of the connection: each peer reads "connection reset by peer". */
    void reset(ChannelHandlerContext ctx, String cause);

    /** Closes both sockets of the connection at once, bypassing every toxic. */
    void closeConnection(ChannelHandlerContext ctx, String cause);

    /** The control of the connection {@code channel} belongs to, or one acting on that channel alone. */
    static ToxicControl of(Channel channel) {
        ToxicControl control = channel.attr(KEY).get();
        return control != null ? control : Standalone.INSTANCE;
    }

    /** Acts on the handler's own channel only. */
    enum Standalone implements ToxicControl {
        INSTANCE;

        @Override
        public void close(ChannelHandlerContext ctx, String cause) {
            ctx.close();
        }

        @Override
        public void reset(ChannelHandlerContext ctx, String cause) {
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            ctx.close();
        }

        @Override
        public void closeConnection(ChannelHandlerContext ctx, String cause) {
            ctx.channel().close();
        }
    }
}
