package io.heartbeatharness.spec;

import io.heartbeatharness.target.Target;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A target spec written in Java, for a test that runs the catalogue against its own code:
 *
 * <pre>
 * static final Target ORDERS = TargetBuilder.server("orders-ws").protocol("ws-json").path("/ws")
 *         .interval(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(5))
 *         .mainClass(OrdersServer.class, "--port", "${port}")
 *         .build();
 * </pre>
 *
 * Every field means what the spec file's field of the same name means, and {@link #build()} checks it exactly as a
 * spec file is checked, so a spec file and the equivalent builder give the same target and the same cells. A
 * problem is a {@link SpecException} naming the target and the field.
 */
public final class TargetBuilder {
    private final String name;
    private final String role;
    private String protocol;
    private String path;
    private Duration interval;
    private Duration timeout;
    private Duration sweepPeriod;
    private Duration backoffInitial;
    private Duration backoffMax;
    private Boolean jitter;
    private Integer closeCode;
    private String closeReason;
    private String pings;
    private String alive;
    private String detection;
    private Duration serverKeepAlive;
    private List<String> command;
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path workdir;
    private SpecFile.Ready readiness;
    private String address;
    private String image;
    private List<String> scenarios;

    private TargetBuilder(String name, String role) {
        this.name = name;
        this.role = role;
    }

    /** A server target named {@code name} (shown in test names and the report). */
    public static TargetBuilder server(String name) {
        return new TargetBuilder(name, "server");
    }

    /** A client target named {@code name}. */
    public static TargetBuilder client(String name) {
        return new TargetBuilder(name, "client");
    }

    public TargetBuilder protocol(String value) {
        protocol = value;
        return this;
    }

    public TargetBuilder path(String value) {
        path = value;
        return this;
    }

    public TargetBuilder interval(Duration value) {
        interval = value;
        return this;
    }

    public TargetBuilder timeout(Duration value) {
        timeout = value;
        return this;
    }

    public TargetBuilder sweepPeriod(Duration value) {
        sweepPeriod = value;
        return this;
    }

    /** The reconnect backoff: the first delay's cap and the largest delay. */
    public TargetBuilder backoff(Duration initial, Duration max) {
        backoffInitial = initial;
        backoffMax = max;
        return this;
    }

    public TargetBuilder jitter(boolean value) {
        jitter = value;
        return this;
    }

    /** The close code (and reason) the target sends when its heartbeat times out. */
    public TargetBuilder close(int code, String reason) {
        closeCode = code;
        closeReason = reason;
        return this;
    }

    /** Who pings ({@code client}, {@code server}, {@code both}). */
    public TargetBuilder pings(String value) {
        pings = value;
        return this;
    }

    /** What counts as life ({@code pong}, {@code any}). */
    public TargetBuilder alive(String value) {
        alive = value;
        return this;
    }

    /** When the check fires ({@code deadline}, {@code next-tick}, {@code sweep}). */
    public TargetBuilder detection(String value) {
        detection = value;
        return this;
    }

    public TargetBuilder serverKeepAlive(Duration value) {
        serverKeepAlive = value;
        return this;
    }

    /**
     * Runs {@code main} in a JVM of its own, with this JVM's class path (a test's, under Maven), so the harness can
     * really freeze and kill it. {@code args} may hold placeholders such as {@code ${port}}.
     */
    public TargetBuilder mainClass(Class<?> main, String... args) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        argv.addAll(List.of(args));
        command = argv;
        return this;
    }

    /** Runs {@code argv} (placeholders allowed), in the working directory unless {@link #workdir} says otherwise. */
    public TargetBuilder command(String... argv) {
        command = List.of(argv);
        return this;
    }

    public TargetBuilder env(String key, String value) {
        env.put(key, value);
        return this;
    }

    public TargetBuilder workdir(Path value) {
        workdir = value;
        return this;
    }

    /**
     * Runs the target in a container of {@code nameAndTag} (e.g. {@code python:3.12-alpine}), on the host's network so
     * that it listens and connects on loopback: pass the port through {@link #env} or {@link #command} with
     * {@code ${port}}; {@link #command} replaces the image's own command. Needs a Docker engine with the image present;
     * elsewhere its cells are UNSUPPORTED with the reason.
     */
    public TargetBuilder image(String nameAndTag) {
        image = nameAndTag;
        return this;
    }

    /** The scenarios it is checked against: ids or group prefixes, as {@code --scenario} takes; none means all. */
    public TargetBuilder scenarios(String... selectors) {
        scenarios = List.of(selectors);
        return this;
    }

    /** A server already running at {@code hostPort} on loopback, e.g. {@code 127.0.0.1:8080}. */
    public TargetBuilder address(String hostPort) {
        address = hostPort;
        return this;
    }

    /** Ready once its port accepts connections, waiting at most {@code timeout}. */
    public TargetBuilder readyOnPort(Duration timeout) {
        readiness = new SpecFile.Ready(true, null, null, text(timeout));
        return this;
    }

    /** Ready once it prints a line matching {@code regex}, waiting at most {@code timeout}. */
    public TargetBuilder readyOnLogLine(String regex, Duration timeout) {
        readiness = new SpecFile.Ready(null, regex, null, text(timeout));
        return this;
    }

    /** Ready {@code delay} after it starts. */
    public TargetBuilder readyAfter(Duration delay) {
        readiness = new SpecFile.Ready(null, null, text(delay), null);
        return this;
    }

    /** The target, checked as a spec file is. */
    public Target build() {
        SpecFile raw = new SpecFile(name, role, protocol, path, text(interval), text(timeout), text(sweepPeriod),
                text(backoffInitial), text(backoffMax), jitter, closeCode, closeReason, pings, alive, detection,
                text(serverKeepAlive), command, env.isEmpty() ? null : Map.copyOf(env),
                workdir == null ? null : workdir.toAbsolutePath().toString(), readiness, address, image, scenarios);
        // Relative paths (workdir, a command's files) start from the working directory, as a spec's start from its own.
        String shown = (name == null ? "" : name.replace('/', '_') + " ") + "(Java target)";
        return new SpecChecker(Path.of(shown), raw).target();
    }

    private static String text(Duration duration) {
        return duration == null ? null : duration.toMillis() + "ms";
    }
}
