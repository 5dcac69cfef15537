package io.heartbeatharness.reference.internal;

import io.heartbeatharness.reference.common.Backoff;
import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.RunningImplementation;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The client side every design shares: one event loop, {@link ClientConfig#connections()} slots, each
 * connecting through the design's pipeline and reconnecting with backoff on its own.
 */
public final class ReconnectingClient implements RunningImplementation {
    private final EventLoopGroup group;
    private final List<ClientSlot> slots = new ArrayList<>();

    private ReconnectingClient(ClientConfig config, EventLog log, Function<ClientSlot.Attempt, ChannelHandler> pipeline,
                               Consumer<Bootstrap> options) {
        // One thread per core: a process holding hundreds of connections must not serialise their reconnects.
        this.group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), NioIoHandler.newFactory());
        Backoff backoff = Backoff.forClient(config, () -> ThreadLocalRandom.current().nextDouble());
        // A connect that hangs (SYN swallowed) is given up after the same I + T a silent connection gets.
        long connectTimeoutMs = Math.max(1000, config.heartbeat().interval().plus(config.heartbeat().timeout()).toMillis());
        for (int i = 0; i < config.connections(); i++) {
            int index = i;
            slots.add(new ClientSlot(index, backoff, log, group.next(), attempt -> {
                Bootstrap bootstrap = new Bootstrap()
                        .group(group)
                        .channel(NioSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeoutMs))
                        .handler(pipeline.apply(attempt));
                options.accept(bootstrap);
                bootstrap.connect(config.host(), config.port()).addListener(f -> {
                    if (!f.isSuccess()) {
                        log.emit(PeerEvents.CONNECT_FAILED, "slot", index, "cause", String.valueOf(f.cause().getMessage()));
                        attempt.lost("connect failed");
                    }
                });
            }));
        }
        slots.forEach(ClientSlot::start);
    }

    /**
     * Starts the slots at once.
     *
     * @param pipeline the design's channel initializer for one connection
     * @param options  design-specific bootstrap options (socket options), applied after the common ones
     */
    public static ReconnectingClient start(ClientConfig config, EventLog log,
                                           Function<ClientSlot.Attempt, ChannelHandler> pipeline,
                                           Consumer<Bootstrap> options) {
        return new ReconnectingClient(config, log, pipeline, options);
    }

    @Override
    public int port() {
        return -1;
    }

    @Override
    public void close() {
        slots.forEach(ClientSlot::stop);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
