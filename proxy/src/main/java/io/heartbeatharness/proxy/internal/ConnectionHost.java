package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.proxy.control.ToxicSpec;

import java.net.SocketAddress;
import java.util.List;

/**
 * What a connection needs from the proxy it belongs to: the tap, where to connect, and the toxics and heartbeat
 * faults to apply.
 */
public final class ConnectionHost {
    private final Tap tap;
    private final ConnectionSet connections;
    private final ToxicRegistry toxics;
    private final HeartbeatFaults faults;
    // Set each time the proxy starts listening; event loops read it as connections dial their upstream.
    private volatile SocketAddress upstreamAddress;

    public ConnectionHost(Tap tap, ConnectionSet connections, ToxicRegistry toxics, HeartbeatFaults faults) {
        this.tap = tap;
        this.connections = connections;
        this.toxics = toxics;
        this.faults = faults;
    }

    Tap tap() {
        return tap;
    }

    ConnectionSet connections() {
        return connections;
    }

    /** Whether a blackhole currently swallows bytes and closes flowing {@code direction}. */
    boolean dropping(Direction direction) {
        return faults.dropping(direction);
    }

    /** Where to connect: a host name stays unresolved, so each connection looks it up as Toxiproxy's dial does. */
    SocketAddress upstreamAddress() {
        return upstreamAddress;
    }

    void upstreamAddress(SocketAddress address) {
        upstreamAddress = address;
    }

    /** The toxics to install on a new connection, upstream chain first, each chain in the order added. */
    List<ToxicSpec> toxicsSnapshot() {
        return toxics.ordered();
    }

    /** A new connection was accepted: it is tracked until it closes. */
    void register(ProxyConnection connection) {
        connections.add(connection);
    }

    /** The connection reached its upstream: the current heartbeat faults apply to it from now on. */
    void connected(ProxyConnection connection) {
        faults.applyTo(connection);
    }
}
