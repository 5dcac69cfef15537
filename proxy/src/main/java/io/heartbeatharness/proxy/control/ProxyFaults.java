package io.heartbeatharness.proxy.control;

import io.heartbeatharness.proxy.EmbeddedProxy;
import io.heartbeatharness.timeline.Direction;
import java.time.Duration;
import java.util.Objects;

/**
 * The heartbeat faults Toxiproxy lacks, as currently set on one proxy. They are not toxics: they never appear
 * in Toxiproxy's toxic lists (whose clients reject unknown types) and are driven through {@link EmbeddedProxy}
 * or the API's {@code /proxies/{name}/faults} extension.
 *
 * @param blackholeUpstream   client → server bytes and closes vanish; both sockets stay open
 * @param blackholeDownstream server → client bytes and closes vanish; both sockets stay open
 * @param natIdle             a connection silent in both directions this long is forgotten, as by a NAT: its
 *                            later bytes and closes vanish for good, while new connections work; zero = off
 * @param idleClose           a connection silent in both directions this long is closed on both sides, as
 *                            nginx's {@code proxy_read_timeout} or HAProxy's {@code timeout tunnel} do; zero = off
 */
public record ProxyFaults(boolean blackholeUpstream, boolean blackholeDownstream, Duration natIdle,
                          Duration idleClose) {

    public static final ProxyFaults NONE = new ProxyFaults(false, false, Duration.ZERO, Duration.ZERO);

    public ProxyFaults {
        Objects.requireNonNull(natIdle, "natIdle");
        Objects.requireNonNull(idleClose, "idleClose");
        if (natIdle.isNegative()) {
            throw new IllegalArgumentException("natIdle: must not be negative, got " + natIdle);
        }
        if (idleClose.isNegative()) {
            throw new IllegalArgumentException("idleClose: must not be negative, got " + idleClose);
        }
    }

    public boolean blackhole(Direction direction) {
        return direction == Direction.UPSTREAM ? blackholeUpstream : blackholeDownstream;
    }

    public ProxyFaults withBlackhole(Direction direction, boolean on) {
        return direction == Direction.UPSTREAM
                ? new ProxyFaults(on, blackholeDownstream, natIdle, idleClose)
                : new ProxyFaults(blackholeUpstream, on, natIdle, idleClose);
    }

    public ProxyFaults withNatIdle(Duration timeout) {
        return new ProxyFaults(blackholeUpstream, blackholeDownstream, timeout, idleClose);
    }

    public ProxyFaults withIdleClose(Duration timeout) {
        return new ProxyFaults(blackholeUpstream, blackholeDownstream, natIdle, timeout);
    }
}
