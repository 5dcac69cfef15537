package io.heartbeatharness.reference.internal;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * The driving side of a heartbeat: a ping every interval I, and the peer declared dead when no pong came
 * within T of a ping. After the last pong the peer is therefore noticed at most I + T later.
 *
 * <p>The ping loop is optional: a design that decides itself when to ping (Netty's writer-idle event) calls
 * {@link #pingSent()} and keeps only the pong deadline. Not thread-safe: use it from the channel's executor.
 */
public final class PingSchedule {
    private final EventExecutor executor;
    private final Duration interval;
    private final Duration timeout;
    private final Runnable ping;
    private final Runnable missedPong;
    private ScheduledFuture<?> nextPing;
    /** One deadline per ping still waiting for its pong: with T ≥ I a later ping must not push an earlier one's back. */
    private final Deque<ScheduledFuture<?>> pongDeadlines = new ArrayDeque<>();
    private long lastPongNanos = Long.MIN_VALUE;
    private boolean stopped;

    /**
     * @param ping       writes one ping (and logs it); called by the loop, never by {@link #pingSent()}
     * @param missedPong called for every ping that went unanswered for the timeout (the loop goes on until
     *                   {@link #stop()}, so a server that keeps a dead connection keeps noticing it)
     */
    public PingSchedule(EventExecutor executor, Duration interval, Duration timeout, Runnable ping, Runnable missedPong) {
        this.executor = executor;
        this.interval = interval;
        this.timeout = timeout;
        this.ping = ping;
        this.missedPong = missedPong;
    }

    /** Starts the loop: the first ping after {@code firstPing} (zero pings at once), then one every interval. */
    public void start(Duration firstPing) {
        if (firstPing.isZero()) {
            tick();
        } else {
            nextPing = executor.schedule(this::tick, firstPing.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void tick() {
        if (stopped) {
            return;
        }
        ping.run();
        pingSent();
        nextPing = executor.schedule(this::tick, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A ping has just been written: a pong must arrive within the timeout. */
    public void pingSent() {
        if (stopped) {
            return;
        }
        long pingAt = now();
        pongDeadlines.removeIf(ScheduledFuture::isDone);
        pongDeadlines.add(executor.schedule(() -> check(pingAt), timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    private void check(long pingAt) {
        if (stopped || lastPongNanos >= pingAt) {
            return;
        }
        missedPong.run();
    }

    public void pongReceived() {
        lastPongNanos = now();
    }

    /** Cancels the loop and the deadline; nothing more runs. */
    public void stop() {
        stopped = true;
        if (nextPing != null) {
            nextPing.cancel(false);
        }
        pongDeadlines.forEach(deadline -> deadline.cancel(false));
        pongDeadlines.clear();
    }

    private long now() {
        return executor.ticker().nanoTime();
    }
}
