package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.proxy.control.ToxiproxyException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * A proxy's listening side: its listen and upstream addresses, its listening socket while enabled, and whether it is
 * closed for good. Thread-safe: every method holds the proxy's lock, shared with its toxics and faults.
 */
public final class ProxyListener {
    private final String proxyName;
    private final EventLoopGroup group;
    private final ConnectionHost host;
    private final Object lock;
    private String listen;
    private String upstream;
    private Channel channel;
    private boolean closed;

    public ProxyListener(String proxyName, String listen, String upstream, EventLoopGroup group, ConnectionHost host,
                         Object lock) {
        this.proxyName = proxyName;
        this.group = group;
        this.host = host;
        this.lock = lock;
        readdress(listen, upstream);
    }

    /** The listen address as Toxiproxy reports it: the bound one once enabled, e.g. {@code 127.0.0.1:40123}. */
    public String listen() {
        synchronized (lock) {
            return listen;
        }
    }

    public String upstream() {
        synchronized (lock) {
            return upstream;
        }
    }

    public boolean listening() {
        synchronized (lock) {
            return channel != null;
        }
    }

    /** @throws IllegalStateException when not listening */
    public InetSocketAddress boundAddress() {
        synchronized (lock) {
            if (channel == null) {
                throw new IllegalStateException("proxy " + proxyName + " is disabled: it has no listen address");
            }
            return (InetSocketAddress) channel.localAddress();
        }
    }

    /**
     * Starts listening; a no-op when already listening.
     *
     * @throws ToxiproxyException (500) when the listen address cannot be bound, in Go's wording
     */
    public void enable() {
        synchronized (lock) {
            checkOpen();
            if (channel != null) {
                return;
            }
            InetSocketAddress bindTo = HostPort.listenAddress(listen);
            SocketAddress target = HostPort.upstreamAddress(upstream);
            Channel bound;
            try {
                bound = new ServerBootstrap()
                        .group(group)
                        .channel(Transports.serverChannel())
                        .option(ChannelOption.SO_BACKLOG, 1024)
                        .childOption(ChannelOption.AUTO_READ, false)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childHandler(new ClientInitializer(host))
                        .bind(bindTo).syncUninterruptibly().channel();
            } catch (Exception e) { // bind failures are checked exceptions thrown undeclared by sync()
                throw ToxiproxyException.internal("listen tcp " + listen + ": bind: " + HostPort.goError(e));
            }
            channel = bound;
            listen = HostPort.format((InetSocketAddress) bound.localAddress());
            HostPort.exposureWarning("proxy " + proxyName, (InetSocketAddress) bound.localAddress())
                    .ifPresent(System.err::println);
            host.upstreamAddress(target);
        }
    }

    /** Stops listening and closes every connection on both sides; a no-op when not listening. */
    public void disable() {
        synchronized (lock) {
            if (channel == null) {
                return;
            }
            Channel listening = channel;
            channel = null;
            listening.close().syncUninterruptibly();
            host.connections().closeAll("proxy disabled");
        }
    }

    /** New addresses restart the listener (dropping its connections); then it is enabled or disabled as asked. */
    public void update(String newListen, String newUpstream, boolean enabled) {
        synchronized (lock) {
            checkOpen();
            if (!Objects.equals(newListen, listen) || !Objects.equals(newUpstream, upstream)) {
                disable();
                readdress(newListen, newUpstream);
            }
            if (enabled) {
                enable();
            } else {
                disable();
            }
        }
    }

    /** Disables the listener for good; returns false when it already was. */
    public boolean closeForGood() {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            disable();
            closed = true;
            return true;
        }
    }

    /** @throws IllegalStateException once closed for good; callers hold the lock across the check and the change */
    public void checkOpen() {
        if (closed) {
            throw new IllegalStateException("proxy " + proxyName + " is closed");
        }
    }

    private void readdress(String newListen, String newUpstream) {
        listen = newListen == null || newListen.isEmpty() ? "127.0.0.1:0" : newListen;
        upstream = newUpstream;
    }
}
