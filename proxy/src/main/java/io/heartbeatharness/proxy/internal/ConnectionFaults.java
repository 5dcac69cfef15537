package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.time.Mono;
import io.heartbeatharness.timeline.TapEvents;
import io.netty.channel.EventLoop;

import java.util.concurrent.TimeUnit;

/**
 * The heartbeat faults as one connection meets them: the proxy's blackholes, read live, and the connection's own
 * NAT idle expiry and idle close, both counting silence in both directions. Touched only on the event loop.
 */
final class ConnectionFaults {
    private final ConnectionHost host;
    private final ProxyConnection connection;
    private final SilenceTimer natTimer;
    private final SilenceTimer idleTimer;
    private long lastActivity = Mono.now();
    private boolean natExpired;

    ConnectionFaults(ConnectionHost host, ProxyConnection connection, EventLoop loop) {
        this.host = host;
        this.connection = connection;
        this.natTimer = new SilenceTimer(loop, () -> lastActivity, this::forgetMapping);
        this.idleTimer = new SilenceTimer(loop, () -> lastActivity, this::closeIdle);
    }

    /** Whether bytes and closes flowing {@code direction} vanish now: a blackhole, or a NAT mapping forgotten. */
    boolean swallows(Direction direction) {
        return natExpired || host.dropping(direction);
    }

    /** Bytes were read: the connection is not silent, unless its mapping is already forgotten for good. */
    void onRead() {
        if (!natExpired) {
            lastActivity = Mono.now();
        }
    }

    /** Arms (or, with 0, disarms) the NAT idle expiry: silence in both directions this long forgets the mapping. */
    void natIdle(long nanos) {
        natTimer.cancel();
        if (nanos > 0 && !natExpired && !connection.closeFuture().isDone()) {
            natTimer.arm(nanos);
        }
    }

    /** Arms (or, with 0, disarms) the idle close: silence in both directions this long closes both sockets. */
    void idleClose(long nanos) {
        idleTimer.cancel();
        if (nanos > 0 && !connection.closeFuture().isDone()) {
            idleTimer.arm(nanos);
        }
    }

    /** The connection is over: no timer may fire any more. */
    void stop() {
        natTimer.cancel();
        idleTimer.cancel();
    }

    private void forgetMapping(long timeoutNanos, long silentNanos) {
        natExpired = true;
        connection.record(TapEvents.NAT_EXPIRED, "idle_ms", TimeUnit.NANOSECONDS.toMillis(silentNanos));
    }

    private void closeIdle(long timeoutNanos, long silentNanos) {
        String cause = "idle-close after " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms";
        connection.closeBoth(cause, ProxyConnection.Mode.DIRECT);
    }
}
