package io.heartbeatharness.reference.line;

import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Workerman's heartbeat timer (seed 001): one server-wide timer that, every sweep period P, looks at each
 * connection and flags those silent for longer than the allowance, firing {@link Silent} on their pipeline.
 * A connection is therefore noticed up to P after its allowance ran out.
 */
public final class LineSweeper {

    /** Fired on a connection's pipeline by the sweep that found it silent for {@code silentNanos}. */
    public record Silent(long silentNanos) {
    }

    private final EventExecutor executor;
    private final Duration allowance;
    private final Map<Channel, Long> lastHeard = new ConcurrentHashMap<>();

    private LineSweeper(EventExecutor executor, Duration allowance) {
        this.executor = executor;
        this.allowance = allowance;
    }

    /** Sweeps every {@code period} on {@code executor}, first one period from now, until the executor shuts down. */
    public static LineSweeper start(EventExecutor executor, Duration period, Duration allowance) {
        LineSweeper sweeper = new LineSweeper(executor, allowance);
        executor.scheduleAtFixedRate(sweeper::sweep, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
        return sweeper;
    }

    /** A new connection counts as just heard from (Workerman sets its time on the first sweep that sees it). */
    public void track(Channel channel) {
        lastHeard.put(channel, now());
    }

    /** Any message counts, not only heartbeats: Workerman's {@code onMessage} stamps every one. */
    public void heard(Channel channel) {
        lastHeard.replace(channel, now());
    }

    public void untrack(Channel channel) {
        lastHeard.remove(channel);
    }

    void sweep() {
        long now = now();
        long allowed = allowance.toNanos();
        lastHeard.forEach((channel, heard) -> {
            long silent = now - heard;
            if (silent > allowed) {
                channel.pipeline().fireUserEventTriggered(new Silent(silent));
            }
        });
    }

    private long now() {
        return executor.ticker().nanoTime();
    }
}
