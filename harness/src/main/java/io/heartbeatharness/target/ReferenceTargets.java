package io.heartbeatharness.target;

import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.Design;

import java.util.List;
import java.util.Set;

/** The reference implementations as targets, with the parameters their seed articles declare. */
public final class ReferenceTargets {
    private ReferenceTargets() {
    }

    /**
     * The parameters each design declares (see {@link io.heartbeatharness.reference.DeclaredParams} for their sources);
     * every one reconnects with a backoff of 1 s to 10 s and full jitter.
     */
    public static HeartbeatParams params(Design design) {
        return switch (design) {
            // Seed 000: I 30 s, T 5 s, close 4000 "heartbeat timeout".
            case WS_JSON -> HeartbeatParams.SEED_000;
            // RFC 6455 Ping/Pong: I 30 s, T 10 s, close 1001.
            case WS_CONTROL -> Design.WS_CONTROL.declared();
            // Seed 001 (Workerman): I 50 s, T 5 s (HEARTBEAT_TIME 55 s = I + T), sweep P 10 s.
            case LINE -> Design.LINE.declared();
            // Seed 004 (cim): writer-idle I 10 s, T 5 s, reader-idle I + T.
            case IDLE -> Design.IDLE.declared();
            // Seeds 002/003: TCP_KEEPIDLE 30 s, 3 probes 10 s apart (T 30 s).
            case TCP_KEEPALIVE -> Design.TCP_KEEPALIVE.declared();
            // Engine.IO 4's defaults: pingInterval 25 s, pingTimeout 20 s; MQTT Keep Alive 30 s, limit 1.5 × K.
            case SOCKET_IO, MQTT, MQTT5 -> design.declared();
        };
    }

    /**
     * Every reference design, as server and as client. tcp-keepalive has no application heartbeat: only
     * {@code tcp-keepalive/blackhole} applies to it, and only the kernel backend can make that fault visible to it.
     */
    public static List<Target> all() {
        return List.of(
                Target.reference(Design.WS_JSON, Side.SERVER, params(Design.WS_JSON), Set.of()),
                Target.reference(Design.WS_JSON, Side.CLIENT, params(Design.WS_JSON), Set.of()),
                Target.reference(Design.WS_CONTROL, Side.SERVER, params(Design.WS_CONTROL), Set.of()),
                Target.reference(Design.WS_CONTROL, Side.CLIENT, params(Design.WS_CONTROL), Set.of()),
                Target.reference(Design.LINE, Side.SERVER, params(Design.LINE), Set.of()),
                Target.reference(Design.LINE, Side.CLIENT, params(Design.LINE), Set.of()),
                Target.reference(Design.IDLE, Side.SERVER, params(Design.IDLE), Set.of()),
                Target.reference(Design.IDLE, Side.CLIENT, params(Design.IDLE), Set.of()),
                Target.reference(Design.TCP_KEEPALIVE, Side.SERVER, params(Design.TCP_KEEPALIVE), Set.of()),
                Target.reference(Design.TCP_KEEPALIVE, Side.CLIENT, params(Design.TCP_KEEPALIVE), Set.of()));
    }

    /**
     * The designs that exist to be the harness's peer for a protocol's third-party targets (socket.io, mqtt), each also
     * runnable as a target by name; the default run leaves them out to stay within its time.
     */
    public static List<Target> protocolPeers() {
        return List.of(
                Target.reference(Design.SOCKET_IO, Side.SERVER, params(Design.SOCKET_IO), Set.of()),
                Target.reference(Design.SOCKET_IO, Side.CLIENT, params(Design.SOCKET_IO), Set.of()),
                Target.reference(Design.MQTT, Side.SERVER, params(Design.MQTT), Set.of()),
                Target.reference(Design.MQTT, Side.CLIENT, params(Design.MQTT), Set.of()));
    }

    /** Targets named on the command line, e.g. {@code ws-json server}, {@code ws-json-server} or {@code ws-json}. */
    public static List<Target> select(List<String> names) {
        if (names == null || names.isEmpty()) {
            return all();
        }
        List<Target> chosen = new java.util.ArrayList<>();
        for (String name : names) {
            String wanted = name.trim().replace('-', ' ').replace('_', ' ');
            List<Target> known = new java.util.ArrayList<>(all());
            known.addAll(protocolPeers());
            KnownBadTargets.all().forEach(v -> known.add(v.target()));
            List<Target> found = known.stream()
                    .filter(t -> t.name().replace('-', ' ').equals(wanted) || t.protocol().id().replace('-', ' ').equals(wanted))
                    .toList();
            if (found.isEmpty()) {
                throw new IllegalArgumentException("--target: no reference implementation named '" + name
                        + "'; known: " + known.stream().map(Target::name).toList());
            }
            chosen.addAll(found);
        }
        return chosen.stream().distinct().toList();
    }
}
