package io.heartbeatharness.spec;

import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.target.Target;

import java.net.URISyntaxException;
import java.net.URL;
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
    /** As long as the harness gives its own reference processes to report that they listen. */
    static final Duration DEFAULT_READINESS_TIMEOUT = Duration.ofSeconds(20);
    /** The backoff a server target's peer client uses when the spec declares none (the reference designs' own). */
    static final Duration PEER_BACKOFF_INITIAL = Duration.ofSeconds(1);
    static final Duration PEER_BACKOFF_MAX = Duration.ofSeconds(10);

    private TargetSpecs() {
    }

    /** The prefix of a spec found on the class path, e.g. {@code classpath:specs/orders-server.yaml}. */
    public static final String CLASSPATH = "classpath:";

    /** Whether {@code name} (a {@code --target} value) names a spec file rather than a reference implementation. */
    public static boolean looksLikeSpec(String name) {
        return name.startsWith(CLASSPATH) || name.endsWith(".yaml") || name.endsWith(".yml")
                || Files.isRegularFile(Path.of(name));
    }

    /**
     * The file a spec name stands for: a path, or {@code classpath:RESOURCE} looked up on the context class path. A
     * spec's command runs in its file's directory, so a classpath spec must be a file on disk (as
     * {@code src/test/resources} is under {@code target/test-classes}), not an entry inside a jar.
     */
    public static Path file(String name) {
        if (!name.startsWith(CLASSPATH)) {
            return Path.of(name);
        }
        String resource = name.substring(CLASSPATH.length()).replaceFirst("^/+", "");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        URL url = (loader != null ? loader : TargetSpecs.class.getClassLoader()).getResource(resource);
        if (url == null) {
            throw new SpecException(Path.of(resource), "file", "not found on the class path (" + name + ")");
        }
        if (!"file".equals(url.getProtocol())) {
            throw new SpecException(Path.of(resource), "file", "is inside " + url.getProtocol() + ":, not a file on "
                    + "disk: a spec's command runs in its file's directory; give it as a path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new SpecException(Path.of(resource), "file", "cannot be read from " + url);
        }
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
            List<Target> found = looksLikeSpec(name) ? List.of(load(file(name))) : ReferenceTargets.select(List.of(name));
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
