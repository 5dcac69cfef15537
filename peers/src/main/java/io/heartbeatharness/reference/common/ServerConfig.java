package io.heartbeatharness.reference.common;

import io.heartbeatharness.reference.Design;
import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatParams;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How a reference server runs: where it listens, its heartbeat parameters (already scaled), its flaws.
 *
 * @param host      address to bind, loopback unless told otherwise
 * @param port      port to bind, 0 for one chosen by the kernel
 * @param path      WebSocket path (ignored by designs that do not speak WebSocket)
 * @param heartbeat declared heartbeat parameters
 * @param flaws     deliberate mistakes, empty for a correct implementation
 * @param keepalive TCP keepalive settings (only the tcp-keepalive design uses them); {@code null} derives them
 *                  from {@code heartbeat} (see {@link KeepaliveSettings#of})
 * @param pings     who sends pings in this pairing; {@code null} for the design's own (see {@link Design#model()})
 */
public record ServerConfig(String host, int port, String path, HeartbeatParams heartbeat, Set<KnownBad> flaws,
                           KeepaliveSettings keepalive, HeartbeatModel.Pingers pings) {

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: must be 0..65535, got " + port);
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path: must start with '/', got '" + path + "'");
        }
        flaws = flaws == null || flaws.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flaws));
    }

    public ServerConfig(String host, int port, String path, HeartbeatParams heartbeat, Set<KnownBad> flaws) {
        this(host, port, path, heartbeat, flaws, null, null);
    }

    public ServerConfig(String host, int port, String path, HeartbeatParams heartbeat, Set<KnownBad> flaws,
                        KeepaliveSettings keepalive) {
        this(host, port, path, heartbeat, flaws, keepalive, null);
    }

    public static ServerConfig loopback(HeartbeatParams heartbeat) {
        return new ServerConfig("127.0.0.1", 0, "/ws", heartbeat, Set.of());
    }

    public ServerConfig withFlaws(Set<KnownBad> value) {
        return new ServerConfig(host, port, path, heartbeat, value, keepalive, pings);
    }

    public ServerConfig withPort(int value) {
        return new ServerConfig(host, value, path, heartbeat, flaws, keepalive, pings);
    }

    public ServerConfig withKeepalive(KeepaliveSettings value) {
        return new ServerConfig(host, port, path, heartbeat, flaws, value, pings);
    }

    /** The keepalive settings given, or the ones the heartbeat parameters imply. */
    public KeepaliveSettings keepaliveSettings() {
        return keepalive != null ? keepalive : KeepaliveSettings.of(heartbeat, KeepaliveSettings.DEFAULT_COUNT);
    }

    public ServerConfig withPings(HeartbeatModel.Pingers value) {
        return new ServerConfig(host, port, path, heartbeat, flaws, keepalive, value);
    }

    /** Whether this server sends pings of its own, given the pairing its design has when none was configured. */
    public boolean sendsPings(HeartbeatModel.Pingers designs) {
        return (pings != null ? pings : designs).server();
    }

    /** Whether the client this server talks to sends pings of its own. */
    public boolean hearsPings(HeartbeatModel.Pingers designs) {
        return (pings != null ? pings : designs).client();
    }

    public boolean has(KnownBad flaw) {
        return flaws.contains(flaw);
    }
}
