package io.heartbeatharness.reference.common;

import io.heartbeatharness.reference.Design;
import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatParams;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How a reference client runs: the server it connects to, its heartbeat parameters (already scaled), how many
 * connections it holds, and its flaws.
 *
 * @param host        server host
 * @param port        server port, 1..65535
 * @param path        WebSocket path (ignored by designs that do not speak WebSocket)
 * @param heartbeat   declared heartbeat parameters, including the reconnect backoff
 * @param connections how many independent connections this process holds (each reconnects on its own)
 * @param flaws       deliberate mistakes, empty for a correct implementation
 * @param keepalive   TCP keepalive settings (only the tcp-keepalive design uses them); {@code null} derives them
 *                    from {@code heartbeat} (see {@link KeepaliveSettings#of})
 * @param pings       who sends pings in this pairing; {@code null} for the design's own (see {@link Design#model()})
 */
public record ClientConfig(String host, int port, String path, HeartbeatParams heartbeat, int connections,
                           Set<KnownBad> flaws, KeepaliveSettings keepalive, HeartbeatModel.Pingers pings) {

    public ClientConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: must be 1..65535, got " + port);
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path: must start with '/', got '" + path + "'");
        }
        // One process may hold at most ~20,000 open files (FACTS.md); 9,000 leaves room for the JVM's own.
        if (connections < 1 || connections > 9000) {
            throw new IllegalArgumentException("connections: must be 1..9000, got " + connections);
        }
        flaws = flaws == null || flaws.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flaws));
    }

    public ClientConfig(String host, int port, String path, HeartbeatParams heartbeat, int connections,
                        Set<KnownBad> flaws) {
        this(host, port, path, heartbeat, connections, flaws, null, null);
    }

    public ClientConfig(String host, int port, String path, HeartbeatParams heartbeat, int connections,
                        Set<KnownBad> flaws, KeepaliveSettings keepalive) {
        this(host, port, path, heartbeat, connections, flaws, keepalive, null);
    }

    public static ClientConfig loopback(int port, HeartbeatParams heartbeat) {
        return new ClientConfig("127.0.0.1", port, "/ws", heartbeat, 1, Set.of());
    }

    public ClientConfig withFlaws(Set<KnownBad> value) {
        return new ClientConfig(host, port, path, heartbeat, connections, value, keepalive, pings);
    }

    public ClientConfig withConnections(int value) {
        return new ClientConfig(host, port, path, heartbeat, value, flaws, keepalive, pings);
    }

    public ClientConfig withKeepalive(KeepaliveSettings value) {
        return new ClientConfig(host, port, path, heartbeat, connections, flaws, value, pings);
    }

    /** The keepalive settings given, or the ones the heartbeat parameters imply. */
    public KeepaliveSettings keepaliveSettings() {
        return keepalive != null ? keepalive : KeepaliveSettings.of(heartbeat, KeepaliveSettings.DEFAULT_COUNT);
    }

    public ClientConfig withPings(HeartbeatModel.Pingers value) {
        return new ClientConfig(host, port, path, heartbeat, connections, flaws, keepalive, value);
    }

    /** Whether this client sends pings of its own, given the pairing its design has when none was configured. */
    public boolean sendsPings(HeartbeatModel.Pingers designs) {
        return (pings != null ? pings : designs).client();
    }

    /** Whether the server this client talks to sends pings of its own. */
    public boolean hearsPings(HeartbeatModel.Pingers designs) {
        return (pings != null ? pings : designs).server();
    }

    public boolean has(KnownBad flaw) {
        return flaws.contains(flaw);
    }
}
