package io.heartbeatharness.spec;

import io.heartbeatharness.scenario.ReferenceTargets;
import io.heartbeatharness.scenario.Target;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads a target spec: a YAML file describing any implementation — its role, protocol, declared parameters and how
 * to start it (a command) or reach it (an address). Every problem is a {@link SpecException} naming the file and the
 * field; nothing here starts anything.
 *
 * <pre>
 * name: node-ws server
 * role: server
 * protocol: ws-control
 * path: /
 * interval: 30s
 * timeout: 30s
 * command: [node, server.js]
 * env: {PORT: ${port}, HEARTBEAT_INTERVAL_MS: ${interval_ms}}
 * readiness: {port: true, timeout: 20s}
 * </pre>
 */
public final class TargetSpecs {
    /** The protocols a peer can speak (the reference designs of the same name). */
    public static final List<String> PROTOCOLS = List.of("ws-json", "ws-control", "socket.io", "mqtt", "mqtt5", "line",
            "tcp-keepalive");
    /** As long as the harness gives its own reference processes to report that they listen. */
    static final Duration DEFAULT_READINESS_TIMEOUT = Duration.ofSeconds(20);
    /** The backoff a server target's peer client uses when the spec declares none (the reference designs' own). */
    static final Duration PEER_BACKOFF_INITIAL = Duration.ofSeconds(1);
    static final Duration PEER_BACKOFF_MAX = Duration.ofSeconds(10);

    private TargetSpecs() {
    }

    /** Whether {@code name} (a {@code --target} value) names a spec file rather than a reference implementation. */
    public static boolean looksLikeSpec(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml") || Files.isRegularFile(Path.of(name));
    }

    /** Reads and checks the spec at {@code file}. */
    public static Target load(Path file) {
        SpecFile raw = SpecReader.read(file);
        return new SpecChecker(file, raw).target();
    }

    /**
     * The targets {@code --target} names, in order: each a spec file or a reference implementation (every reference
     * implementation when none is named). Two targets may not share a name: the report tells cells apart by it.
     */
    public static List<Target> select(List<String> names) {
        if (names == null || names.isEmpty()) {
            return ReferenceTargets.all();
        }
        Map<String, Target> byName = new LinkedHashMap<>();
        for (String name : new LinkedHashSet<>(names)) {
            List<Target> found = looksLikeSpec(name) ? List.of(load(Path.of(name))) : ReferenceTargets.select(List.of(name));
            for (Target target : found) {
                Target before = byName.putIfAbsent(target.name(), target);
                if (before != null && !before.equals(target)) {
                    throw new IllegalArgumentException("--target: two targets are named '" + target.name()
                            + "'; give each spec a name of its own");
                }
            }
        }
        return List.copyOf(byName.values());
    }
}
