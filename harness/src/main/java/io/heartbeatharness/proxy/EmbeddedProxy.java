package io.heartbeatharness.proxy;

import io.heartbeatharness.proxy.internal.FrontendHandler;
import io.heartbeatharness.proxy.internal.ProxyConnection;
import io.heartbeatharness.timeline.Timeline;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An in-JVM TCP relay between a listen address and an upstream, with faults switchable at any moment and
 * a tap that writes every connection's life to a {@link Timeline}.
 *
 * <pre>
 *   client &lt;-&gt; [CLIENT side | EmbeddedProxy | SERVER side] &lt;-&gt; upstream
 * </pre>
 */
public final class EmbeddedProxy implements AutoCloseable {
    private final String name;
    private final InetSocketAddress upstream;
    private final Timeline tap;
    private final EventLoopGroup group;
    private final Channel listener;
    private final Set<ProxyConnection> connections = ConcurrentHashMap.newKeySet();
    private final boolean[] dropping = new boolean[Direction.values().length];

    private EmbeddedProxy(String name, InetSocketAddress listen, InetSocketAddress upstream, Timeline tap) {
        this.name = name;
        this.upstream = upstream;
        this.tap = tap;
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            this.listener = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new FrontendHandler(EmbeddedProxy.this));
                        }
                    })
                    .bind(listen).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalStateException("proxy " + name + ": cannot listen on " + listen + ": " + e.getMessage(), e);
        }
    }

    /** Starts a proxy listening on {@code 127.0.0.1}, port chosen by the kernel. */
    public static EmbeddedProxy start(String name, InetSocketAddress upstream, Timeline tap) {
        return new EmbeddedProxy(name, new InetSocketAddress("127.0.0.1", 0), upstream, tap);
    }

    public String name() {
        return name;
    }

    public InetSocketAddress upstream() {
        return upstream;
    }

    public InetSocketAddress listenAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    public int port() {
        return listenAddress().getPort();
    }

    public Timeline tap() {
        return tap;
    }

    /**
     * Silently drops every byte (and every close) flowing in {@code direction}; both sockets stay open, as on a
     * half-open link. Switching it off closes connections whose other side went away meanwhile.
     */
    public void blackhole(Direction direction, boolean on) {
        synchronized (dropping) {
            dropping[direction.ordinal()] = on;
        }
        if (!on) {
            connections.forEach(ProxyConnection::releaseHeldCloses);
        }
    }

    public boolean isDropping(Direction direction) {
        synchronized (dropping) {
            return dropping[direction.ordinal()];
        }
    }

    public List<ProxyConnection> connections() {
        return List.copyOf(connections);
    }

    /** Internal: called by the frontend handler. */
    public void register(ProxyConnection connection) {
        connections.add(connection);
        connection.closeFuture().addListener(f -> connections.remove(connection));
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        connections.forEach(ProxyConnection::closeBoth);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
