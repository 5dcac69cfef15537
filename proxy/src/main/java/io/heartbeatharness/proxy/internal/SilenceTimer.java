package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.time.Mono;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Fires once a connection has been silent for a timeout, counted from its last activity or from arming, whichever
 * is later; activity meanwhile moves the deadline on. Touched only on the connection's event loop.
 */
final class SilenceTimer {
    /** What to do when the silence lasted long enough. */
    interface Expiry {
        void expired(long timeoutNanos, long silentNanos);
    }

    private final EventLoop loop;
    private final LongSupplier lastActivity;
    private final Expiry expiry;
    private long armedAt;
    private ScheduledFuture<?> check;

    SilenceTimer(EventLoop loop, LongSupplier lastActivity, Expiry expiry) {
        this.loop = loop;
        this.lastActivity = lastActivity;
        this.expiry = expiry;
    }

    /** Starts counting silence from now, replacing any earlier timeout. */
    void arm(long timeoutNanos) {
        cancel();
        armedAt = Mono.now();
        check(timeoutNanos);
    }

    void cancel() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private void check(long timeoutNanos) {
        long silent = Mono.now() - Math.max(lastActivity.getAsLong(), armedAt);
        if (silent >= timeoutNanos) {
            check = null;
            expiry.expired(timeoutNanos, silent);
            return;
        }
        check = loop.schedule(() -> check(timeoutNanos), timeoutNanos - silent, TimeUnit.NANOSECONDS);
    }
}
