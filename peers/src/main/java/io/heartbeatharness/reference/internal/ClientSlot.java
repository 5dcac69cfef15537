package io.heartbeatharness.reference.internal;

import io.heartbeatharness.reference.common.Backoff;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One of a client's connections, kept up for the life of the client: it connects, and after every loss it
 * waits a backoff delay (exponential, full jitter unless told otherwise) and connects again.
 *
 * <p>Every connection gets its own {@link Attempt}. However many parts of the pipeline report that connection
 * lost — {@code channelInactive}, the client's own pong timeout, a failed connect — only the first report
 * schedules the next attempt. The backoff starts over once a connection has proved healthy (a heartbeat
 * answered, a handshake completed), not merely when TCP connected: a dead server behind a proxy that still
 * accepts would otherwise be hammered at the initial delay.
 */
public final class ClientSlot {

    /** Starts one connection; when it cannot be made, the connector reports {@link Attempt#lost}. */
    @FunctionalInterface
    public interface Connector {
        void connect(Attempt attempt);
    }

    private final int index;
    private final Backoff backoff;
    private final EventLog log;
    private final EventExecutor executor;
    private final Connector connector;
    private volatile boolean stopped;
    private int failures;
    private boolean everConnected;
    private long lostAtNanos;
    private int attemptsSinceLoss;

    public ClientSlot(int index, Backoff backoff, EventLog log, EventExecutor executor, Connector connector) {
        this.index = index;
        this.backoff = backoff;
        this.log = log;
        this.executor = executor;
        this.connector = connector;
    }

    public int index() {
        return index;
    }

    /** Makes the first connection at once. */
    public void start() {
        connectNow();
    }

    /** No more attempts are made after this, whatever is reported. */
    public void stop() {
        stopped = true;
    }

    private void connectNow() {
        if (stopped) {
            return;
        }
        int attempt;
        synchronized (this) {
            attempt = ++attemptsSinceLoss;
        }
        log.emit(PeerEvents.CONNECTING, "slot", index, "attempt", attempt);
        connector.connect(new Attempt());
    }

    private void scheduleNext(String reason) {
        if (stopped) {
            return;
        }
        Duration delay;
        int attempt;
        synchronized (this) {
            attempt = failures;
            delay = backoff.delay(failures);
            failures++;
        }
        log.emit(PeerEvents.RECONNECT_SCHEDULED, "slot", index, "attempt", attempt + 1, "delay_ms", delay.toMillis(),
                "cap_ms", backoff.cap(attempt).toMillis(), "reason", reason);
        try {
            executor.schedule(this::connectNow, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            stopped = true;
        }
    }

    /** One connection of this slot, as its handlers see it. */
    public final class Attempt {
        private final AtomicBoolean lost = new AtomicBoolean();
        private final AtomicBoolean connected = new AtomicBoolean();

        public int slot() {
            return index;
        }

        /**
         * The connection is up (TCP connected, or the WebSocket handshake done): logs {@code connected}, and
         * {@code reconnected} when this slot had been connected before. {@code details} are extra key/value pairs.
         */
        public void connected(Channel channel, Object... details) {
            if (!connected.compareAndSet(false, true)) {
                return;
            }
            int localPort = localPort(channel);
            List<Object> fields = new ArrayList<>(List.of("slot", index, "local_port", localPort));
            fields.addAll(List.of(details));
            log.emit(PeerEvents.CONNECTED, fields.toArray());
            boolean again;
            long downMs;
            int attempts;
            synchronized (ClientSlot.this) {
                again = everConnected;
                everConnected = true;
                downMs = TimeUnit.NANOSECONDS.toMillis(executor.ticker().nanoTime() - lostAtNanos);
                attempts = attemptsSinceLoss;
                attemptsSinceLoss = 0;
            }
            if (again) {
                log.emit(PeerEvents.RECONNECTED, "slot", index, "local_port", localPort, "attempts", attempts,
                        "down_ms", downMs);
            }
        }

        /** The connection has done its job once (a pong, a handshake): the backoff starts over. */
        public void healthy() {
            synchronized (ClientSlot.this) {
                failures = 0;
            }
        }

        /** The connection is gone or declared dead; the first report schedules the next attempt. */
        public void lost(String reason) {
            if (!lost.compareAndSet(false, true)) {
                return;
            }
            if (connected.get()) {
                synchronized (ClientSlot.this) {
                    lostAtNanos = executor.ticker().nanoTime();
                }
            }
            scheduleNext(reason);
        }
    }

    static int localPort(Channel channel) {
        return channel != null && channel.localAddress() instanceof InetSocketAddress address ? address.getPort() : 0;
    }
}
