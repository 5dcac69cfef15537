package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.proxy.control.ToxicSpec;
import io.heartbeatharness.proxy.toxics.ToxicHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The toxics installed on one connection, each a handler in the pipeline of the socket its direction's bytes are
 * written to. Touched only on the connection's event loop.
 */
final class ConnectionToxics {
    private final ProxyConnection connection;
    private final Map<String, ToxicHandler<?>> handlers = new HashMap<>();

    ConnectionToxics(ProxyConnection connection) {
        this.connection = connection;
    }

    /** Installs {@code spec} at the end of its direction's chain, unless this connection already has it. */
    void install(ToxicSpec spec) {
        Channel destination = connection.channel(spec.stream().receiver());
        if (destination == null || handlers.containsKey(spec.name()) || !destination.isRegistered()) {
            return;
        }
        ToxicHandler<?> handler = spec.toxic().newHandler(roll(spec.toxicity()));
        handlers.put(spec.name(), handler);
        // Later toxics sit nearer the socket, so bytes meet the toxics in the order they were added.
        destination.pipeline().addAfter(CloseHandler.NAME, "toxic:" + spec.name(), handler);
    }

    void update(ToxicSpec spec) {
        ToxicHandler<?> handler = handlers.get(spec.name());
        if (handler != null) {
            handler.update(spec.toxic(), roll(spec.toxicity()));
        }
    }

    void remove(String name) {
        ToxicHandler<?> handler = handlers.remove(name);
        if (handler == null) {
            return;
        }
        for (Side side : Side.values()) {
            Channel channel = connection.channel(side);
            if (channel != null) {
                ChannelPipeline pipeline = channel.pipeline();
                if (pipeline.context(handler) != null) {
                    pipeline.remove(handler);
                }
            }
        }
    }

    /** Toxiproxy draws a float in [0, 1) and applies the toxic when it is below the toxicity. */
    private static boolean roll(float toxicity) {
        return toxicity >= 1f || ThreadLocalRandom.current().nextFloat() < toxicity;
    }
}
