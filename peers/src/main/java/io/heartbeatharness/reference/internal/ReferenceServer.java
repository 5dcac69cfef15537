package io.heartbeatharness.reference.internal;

import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.RunningImplementation;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The server side every design shares: one event loop, a listener on the configured address (loopback, port 0
 * unless told otherwise), and a {@code listening} event naming the port it got.
 */
public final class ReferenceServer implements RunningImplementation {
    private final EventLoopGroup group;
    private final Channel listener;

    private ReferenceServer(String design, ServerConfig config, EventLog log, Function<EventLoop, ChannelHandler> children,
                            Consumer<ServerBootstrap> options, Object... details) {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(children.apply(group.next()));
            options.accept(bootstrap);
            listener = bootstrap.bind(config.host(), config.port()).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
        List<Object> fields = new ArrayList<>(List.of("port", port(), "design", design));
        fields.addAll(List.of(details));
        log.emit(PeerEvents.LISTENING, fields.toArray());
    }

    /**
     * Binds and logs {@code listening}.
     *
     * @param children builds the child pipeline's initializer; it gets the event loop every connection runs on,
     *                 for server-wide timers such as a sweep
     * @param options  design-specific bootstrap options (child socket options)
     * @param details  extra key/value pairs for the {@code listening} event
     */
    public static ReferenceServer start(String design, ServerConfig config, EventLog log,
                                        Function<EventLoop, ChannelHandler> children, Consumer<ServerBootstrap> options,
                                        Object... details) {
        return new ReferenceServer(design, config, log, children, options, details);
    }

    @Override
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
