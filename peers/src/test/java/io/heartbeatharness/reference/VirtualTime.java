package io.heartbeatharness.reference;

import io.heartbeatharness.reference.common.Backoff;
import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.internal.ClientSlot;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * One hand-advanced clock for several {@link EmbeddedChannel}s, and a {@link ClientSlot} whose reconnects are
 * scheduled on it: handler tests run whole heartbeat and reconnect timelines without sleeping.
 */
public final class VirtualTime {
    private final MockTicker ticker = Ticker.newMockTicker();
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final EmbeddedChannel loop;
    private final List<ClientSlot.Attempt> attempts = new ArrayList<>();

    public VirtualTime() {
        loop = channel();
    }

    /** A channel on this clock, already active, with {@code handlers} in its pipeline. */
    public EmbeddedChannel channel(ChannelHandler... handlers) {
        EmbeddedChannel channel = EmbeddedChannel.builder().ticker(ticker).handlers(handlers).build();
        channels.add(channel);
        return channel;
    }

    /** An event loop on this clock that belongs to no connection under test (for slots and sweeps). */
    public io.netty.util.concurrent.EventExecutor executor() {
        return loop.eventLoop();
    }

    public long nanoTime() {
        return ticker.nanoTime();
    }

    /**
     * Moves the clock forward by {@code by}, stopping at every scheduled task on the way so that periodic tasks
     * run at their own instants, as they would in real time.
     */
    public void advance(Duration by) {
        long left = by.toNanos();
        while (true) {
            long next = Long.MAX_VALUE;
            for (EmbeddedChannel channel : channels) {
                channel.runPendingTasks();
                long delay = channel.runScheduledPendingTasks();
                if (delay >= 0) {
                    next = Math.min(next, delay);
                }
            }
            if (left <= 0) {
                return;
            }
            long step = Math.max(1, Math.min(left, next));
            ticker.advance(step, TimeUnit.NANOSECONDS);
            left -= step;
        }
    }

    /** A started slot whose connector only records attempts; {@link #attempt()} is the latest. */
    public ClientSlot slot(EventLog log, Backoff backoff) {
        ClientSlot slot = new ClientSlot(0, backoff, log, executor(), attempts::add);
        slot.start();
        return slot;
    }

    /** A started slot with the backoff {@code config} runs with (random jitter, unless it is told to have none). */
    public ClientSlot slot(EventLog log, ClientConfig config) {
        DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        return slot(log, Backoff.forClient(config, random));
    }

    public ClientSlot.Attempt attempt() {
        return attempts.get(attempts.size() - 1);
    }

    /** How many connections the slots have started so far (the first one included). */
    public int connects() {
        return attempts.size();
    }
}
