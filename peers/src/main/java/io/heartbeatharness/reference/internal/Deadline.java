package io.heartbeatharness.reference.internal;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A one-shot timer on a channel's executor that can be pushed back: {@link #arm()} (re)starts the countdown,
 * and {@code onExpiry} runs once the full duration passes without another {@code arm()} or a {@link #cancel()}.
 * Not thread-safe: use it from the executor it schedules on.
 */
public final class Deadline {
    private final EventExecutor executor;
    private final Duration after;
    private final Runnable onExpiry;
    private ScheduledFuture<?> pending;

    public Deadline(EventExecutor executor, Duration after, Runnable onExpiry) {
        this.executor = executor;
        this.after = after;
        this.onExpiry = onExpiry;
    }

    public void arm() {
        cancel();
        pending = executor.schedule(() -> {
            pending = null;
            onExpiry.run();
        }, after.toNanos(), TimeUnit.NANOSECONDS);
    }

    public void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
