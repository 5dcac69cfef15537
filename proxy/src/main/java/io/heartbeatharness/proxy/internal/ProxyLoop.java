package io.heartbeatharness.proxy.internal;

import io.netty.channel.EventLoopGroup;

import java.util.concurrent.TimeUnit;

/** The event loop a proxy's connections run on: one of its own, watched for stalls, or a server's shared one. */
public final class ProxyLoop {
    private final EventLoopGroup group;
    // Only on a loop of its own: there every tap stamp of this proxy is taken on the watched thread.
    private final LoopWatch watch;

    private ProxyLoop(EventLoopGroup group, LoopWatch watch) {
        this.group = group;
        this.watch = watch;
    }

    /** A single-threaded loop for this proxy alone, recording its stalls on {@code tap}. */
    public static ProxyLoop own(String proxyName, Tap tap) {
        EventLoopGroup group = Transports.newGroup(1, "proxy-" + proxyName);
        return new ProxyLoop(group, LoopWatch.start(group.next(), tap));
    }

    /** Loops owned by someone else, who also shuts them down. */
    public static ProxyLoop shared(EventLoopGroup group) {
        return new ProxyLoop(group, null);
    }

    public EventLoopGroup group() {
        return group;
    }

    /** Stops the watch and the loop, if they are the proxy's own. */
    public void release() {
        if (watch != null) {
            watch.stop();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
