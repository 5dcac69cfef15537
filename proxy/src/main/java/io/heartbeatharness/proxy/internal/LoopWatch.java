package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.time.Mono;
import io.netty.channel.EventLoop;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Notices when a proxy's event loop did not run: a task that should run every {@link #PERIOD} and records a
 * {@code stall} on the tap when it ran more than {@link #THRESHOLD} late.
 *
 * <p>Every tap stamp is taken on that loop. While it waits for a core (a busy neighbour, a collection in the
 * harness's JVM), a FIN that arrived in the kernel is stamped only when the loop runs again; a judge reading the tap
 * alone would charge that wait to the target. The stall event tells it the stamp is only an upper bound, and since
 * when: the last time the loop was seen running.
 */
public final class LoopWatch {
    /** How often the loop proves it runs: short next to the 150 ms tolerance, cheap next to a cell's traffic. */
    public static final Duration PERIOD = Duration.ofMillis(10);
    /** Lateness below this is ordinary timer slack and not recorded. */
    public static final Duration THRESHOLD = Duration.ofMillis(25);

    private final EventLoop loop;
    private final Tap tap;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private long lastRan;

    private LoopWatch(EventLoop loop, Tap tap) {
        this.loop = loop;
        this.tap = tap;
    }

    /** Starts watching {@code loop}, recording its stalls on {@code tap}, until {@link #stop()}. */
    public static LoopWatch start(EventLoop loop, Tap tap) {
        LoopWatch watch = new LoopWatch(loop, tap);
        loop.execute(() -> {
            watch.lastRan = Mono.now();
            watch.schedule();
        });
        return watch;
    }

    public void stop() {
        stopped.set(true);
    }

    private void schedule() {
        if (!stopped.get() && !loop.isShuttingDown()) {
            loop.schedule(this::tick, PERIOD.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void tick() {
        long now = Mono.now();
        long late = now - (lastRan + PERIOD.toNanos());
        if (late > THRESHOLD.toNanos()) {
            tap.recordStall(lastRan, now, PERIOD.toMillis());
        }
        lastRan = now;
        schedule();
    }
}
