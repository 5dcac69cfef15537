package io.heartbeatharness.proxy.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;

import java.time.Duration;
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

    /**
     * Waits until every loop of the group has polled its sockets once after this call and handled what they had:
     * a task queued from the loop itself is scheduled a millisecond ahead, and scheduled tasks only run after the
     * next poll. False when a loop did not get that far within {@code max}.
     */
    public boolean caughtUp(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        for (EventExecutor executor : group) {
            // A loop that is shutting down stamps nothing more: there is nothing to wait for.
            if (executor.inEventLoop() || executor.isShuttingDown()) {
                continue;
            }
            Promise<Void> polled = executor.newPromise();
            executor.execute(() -> executor.schedule(() -> polled.trySuccess(null), 1, TimeUnit.MILLISECONDS));
            if (!polled.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }

    /** Stops the watch and the loop, if they are the proxy's own. */
    public void release() {
        if (watch != null) {
            watch.stop();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
