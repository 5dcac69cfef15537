package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.proxy.ToxicSpec;

import java.net.SocketAddress;
import java.util.List;

/** What a connection needs from the proxy it belongs to (implemented by {@code EmbeddedProxy}). */
public interface ConnectionHost {
    /** Whether a blackhole currently swallows bytes and closes flowing {@code direction}. */
    boolean dropping(Direction direction);

    /** Where to connect: resolved per connection, as Toxiproxy dials its upstream per client. */
    SocketAddress upstreamAddress();

    /** The toxics to install on a new connection, upstream chain first, each chain in the order added. */
    List<ToxicSpec> toxicsSnapshot();

    /** A new connection was accepted; the host tracks it until it closes and applies its faults to it. */
    void register(ProxyConnection connection);

    /** The connection reached its upstream: the host applies its current heartbeat faults. */
    void connected(ProxyConnection connection);
}
