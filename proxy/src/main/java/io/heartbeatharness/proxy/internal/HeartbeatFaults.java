package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.proxy.control.ProxyFaults;

import java.time.Duration;

/**
 * The heartbeat faults set on a proxy, applied to its open connections as they change and to each new connection as
 * it reaches its upstream. Changes hold the proxy's lock; event loops read the faults without it.
 */
public final class HeartbeatFaults {
    private final ConnectionSet connections;
    private final Object lock;
    private volatile ProxyFaults current = ProxyFaults.NONE;

    public HeartbeatFaults(ConnectionSet connections, Object lock) {
        this.connections = connections;
        this.lock = lock;
    }

    public ProxyFaults current() {
        return current;
    }

    /** Whether a blackhole swallows bytes and closes flowing {@code direction}. */
    public boolean dropping(Direction direction) {
        return current.blackhole(direction);
    }

    /** Switching a blackhole off relays the closes it held on every connection. */
    public void blackhole(Direction direction, boolean on) {
        synchronized (lock) {
            current = current.withBlackhole(direction, on);
            if (!on) {
                connections.forEach(ProxyConnection::releaseHeldCloses);
            }
        }
    }

    public void natIdle(Duration timeout) {
        synchronized (lock) {
            current = current.withNatIdle(timeout);
            long nanos = timeout.toNanos();
            connections.forEach(c -> c.natIdle(nanos));
        }
    }

    public void idleClose(Duration timeout) {
        synchronized (lock) {
            current = current.withIdleClose(timeout);
            long nanos = timeout.toNanos();
            connections.forEach(c -> c.idleClose(nanos));
        }
    }

    /** Changes only the faults that differ from {@code wanted}, so the timers of unchanged ones keep running. */
    public void set(ProxyFaults wanted) {
        synchronized (lock) {
            for (Direction direction : Direction.values()) {
                if (wanted.blackhole(direction) != current.blackhole(direction)) {
                    blackhole(direction, wanted.blackhole(direction));
                }
            }
            if (!wanted.natIdle().equals(current.natIdle())) {
                natIdle(wanted.natIdle());
            }
            if (!wanted.idleClose().equals(current.idleClose())) {
                idleClose(wanted.idleClose());
            }
        }
    }

    /** Arms the current timers on a connection that just reached its upstream. */
    void applyTo(ProxyConnection connection) {
        ProxyFaults faults = current;
        connection.natIdle(faults.natIdle().toNanos());
        connection.idleClose(faults.idleClose().toNanos());
    }
}
