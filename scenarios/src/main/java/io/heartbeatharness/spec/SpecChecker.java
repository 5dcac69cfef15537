package io.heartbeatharness.spec;

import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.scenario.Placeholders;
import io.heartbeatharness.scenario.Protocols;
import io.heartbeatharness.scenario.Readiness;
import io.heartbeatharness.scenario.Role;
import io.heartbeatharness.scenario.Target;
import io.heartbeatharness.scenario.TargetLaunch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** Checks a spec as read, field by field, and builds the target; the first problem is a {@link SpecException}. */
final class SpecChecker {
    private final Path file;
    private final SpecFile raw;

    SpecChecker(Path file, SpecFile raw) {
        this.file = file;
        this.raw = raw;
    }

    Target target() {
        String name = required("name", raw.name());
        Role role = role();
        String protocol = protocol();
        String path = path(protocol);
        HeartbeatParams params = params(role);
        Duration serverKeepAlive = serverKeepAlive(protocol);
        Duration clientKeepAlive = null;
        if (serverKeepAlive != null) {
            // The broker's answer is the Keep Alive both sides keep: the budget is made of it.
            clientKeepAlive = params.interval();
            params = params.withInterval(serverKeepAlive);
        }
        HeartbeatModel model = model(protocol, params);
        TargetLaunch launch = launch(role);
        return new Target(name, role, protocol, params, launch, path == null ? Target.DEFAULT_PATH : path, model,
                clientKeepAlive);
    }

    /** MQTT 5's Server Keep Alive, when declared: whole seconds, above 0, and another than the client asks for. */
    private Duration serverKeepAlive(String protocol) {
        if (raw.serverKeepAlive() == null) {
            return null;
        }
        if (!Protocols.serverMayOverrideKeepAlive(protocol)) {
            throw problem("server_keep_alive", "only an MQTT 5 broker answers with a Keep Alive of its own: declare "
                    + "protocol: mqtt5, or drop server_keep_alive");
        }
        Duration value = duration("server_keep_alive", raw.serverKeepAlive());
        if (value.isZero() || value.toMillis() % 1000 != 0) {
            throw problem("server_keep_alive", "expected whole seconds above 0 (MQTT 5's Server Keep Alive), got '"
                    + raw.serverKeepAlive().trim() + "'");
        }
        if (value.equals(duration("interval", raw.interval()))) {
            throw problem("server_keep_alive", "the same as interval: the broker overrides nothing (drop server_keep_alive)");
        }
        return value;
    }

    /** The protocol's heartbeat model ({@link Protocols#defaultModel}) with whatever the spec says instead. */
    private HeartbeatModel model(String protocol, HeartbeatParams params) {
        HeartbeatModel model = Protocols.defaultModel(protocol, params);
        if (raw.pings() != null) {
            model = model.withPings(word(HeartbeatModel.Pingers.class, "pings", raw.pings()));
            try {
                Design.parse(protocol).checkPings(model.pings());
            } catch (IllegalArgumentException e) {
                throw problem("pings", "the " + protocol + " protocol has pings from "
                        + HeartbeatModel.word(Design.parse(protocol).model().pings()) + " only, got '" + raw.pings().trim() + "'");
            }
        }
        if (raw.alive() != null) {
            model = model.withAlive(word(HeartbeatModel.Liveness.class, "alive", raw.alive()));
        }
        if (raw.detection() != null) {
            model = model.withDetection(word(HeartbeatModel.Detection.class, "detection", raw.detection()));
            boolean sweeps = model.detection() == HeartbeatModel.Detection.SWEEP;
            if (sweeps && params.sweepPeriod().isZero()) {
                throw problem("sweep_period", "missing: a target whose detection is 'sweep' needs its sweep period");
            }
            if (!sweeps && !params.sweepPeriod().isZero()) {
                throw problem("detection", "'" + raw.detection().trim() + "' with a sweep_period: a target that sweeps "
                        + "every P detects by 'sweep' (or drop sweep_period)");
            }
        }
        return model;
    }

    private <E extends Enum<E>> E word(Class<E> type, String field, String text) {
        try {
            return HeartbeatModel.parse(type, field, text.trim());
        } catch (IllegalArgumentException e) {
            throw problem(field, e.getMessage().substring(field.length() + 2));
        }
    }

    private Role role() {
        String role = required("role", raw.role());
        return switch (role) {
            case "server" -> Role.SERVER;
            case "client" -> Role.CLIENT;
            default -> throw problem("role", "unknown role '" + role + "' (expected server or client)");
        };
    }

    private String protocol() {
        String protocol = required("protocol", raw.protocol());
        if (!TargetSpecs.PROTOCOLS.contains(protocol)) {
            throw problem("protocol", "unknown protocol '" + protocol + "' (known: " + String.join(", ", TargetSpecs.PROTOCOLS) + ")");
        }
        return protocol;
    }

    private String path(String protocol) {
        if (!Protocols.webSocket(protocol)) {
            if (raw.path() != null) {
                throw problem("path", "only the WebSocket protocols (ws-json, ws-control, socket.io) have a path");
            }
            return null;
        }
        // socket.io has a path every server and client agrees on unless told otherwise; plain WebSocket has none.
        String path = "socket.io".equals(protocol) && raw.path() == null ? Protocols.defaultPath(protocol)
                : required("path", raw.path());
        if (!path.startsWith("/") || path.chars().anyMatch(Character::isWhitespace)) {
            throw problem("path", "expected a URL path starting with '/', e.g. /ws, got '" + path + "'");
        }
        return path;
    }

    private HeartbeatParams params(Role role) {
        Duration interval = duration("interval", required("interval", raw.interval()));
        if (interval.isZero() && Protocols.mqtt(raw.protocol())) {
            throw problem("interval", "0 is MQTT's \"no keep alive\": the client sends no PINGREQ and the broker never "
                    + "times it out, so no heartbeat scenario applies; declare the Keep Alive the client really uses");
        }
        Duration timeout = duration("timeout", required("timeout", raw.timeout()));
        Duration sweep = raw.sweepPeriod() == null ? Duration.ZERO : duration("sweep_period", raw.sweepPeriod());
        // A client's reconnect budget depends on its backoff; a server's only sets its peer client's pace.
        Duration initial = role == Role.CLIENT ? duration("backoff_initial", required("backoff_initial", raw.backoffInitial()))
                : optionalDuration("backoff_initial", raw.backoffInitial(), TargetSpecs.PEER_BACKOFF_INITIAL);
        Duration max = role == Role.CLIENT ? duration("backoff_max", required("backoff_max", raw.backoffMax()))
                : optionalDuration("backoff_max", raw.backoffMax(), TargetSpecs.PEER_BACKOFF_MAX);
        boolean jitter = raw.jitter() == null || raw.jitter();
        try {
            return new HeartbeatParams(interval, timeout, sweep, initial, max, jitter, raw.closeCode(), raw.closeReason());
        } catch (IllegalArgumentException e) {
            // HeartbeatParams names the field itself ("backoff_max: must be ...").
            String message = e.getMessage();
            int colon = message.indexOf(": ");
            throw colon > 0 ? problem(message.substring(0, colon), message.substring(colon + 2)) : problem("file", message);
        }
    }

    private TargetLaunch launch(Role role) {
        boolean hasCommand = raw.command() != null;
        if (raw.address() != null) {
            if (hasCommand) {
                throw problem("address", "give either command (the harness starts the target) or address "
                        + "(it is already running), not both");
            }
            for (String field : List.of("env", "workdir", "readiness")) {
                if (field.equals("env") && raw.env() != null || field.equals("workdir") && raw.workdir() != null
                        || field.equals("readiness") && raw.readiness() != null) {
                    throw problem(field, "only applies to a target started by command, not to one at an address");
                }
            }
            if (role != Role.SERVER) {
                throw problem("address", "only a server can be reached at an address; a client target needs a command");
            }
            return address();
        }
        if (!hasCommand) {
            throw problem("command", "missing: give the command that starts the target (a list, e.g. [node, server.js]) "
                    + "or the address of one already running");
        }
        return new TargetLaunch.Command(command(), env(), workdir(), readiness(role));
    }

    private TargetLaunch.Address address() {
        String address = raw.address().trim();
        int colon = address.lastIndexOf(':');
        String host = colon < 0 ? "" : address.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw problem("address", "expected host:port, e.g. 127.0.0.1:8080, got '" + raw.address() + "'");
        }
        if (port < 1 || port > 65535) {
            throw problem("address", "port must be 1..65535, got " + port);
        }
        if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
            throw problem("address", "the harness sends traffic to loopback only: expected 127.0.0.1 or localhost, got '" + host + "'");
        }
        return new TargetLaunch.Address("127.0.0.1", port);
    }

    private List<String> command() {
        List<String> command = raw.command();
        if (command.isEmpty()) {
            throw problem("command", "empty: give at least the program to run");
        }
        for (int i = 0; i < command.size(); i++) {
            String arg = command.get(i);
            if (arg == null || (i == 0 && arg.isBlank())) {
                throw problem("command[" + i + "]", "empty");
            }
            placeholders("command[" + i + "]", arg);
        }
        return command;
    }

    private Map<String, String> env() {
        if (raw.env() == null) {
            return Map.of();
        }
        raw.env().forEach((key, value) -> {
            if (value == null) {
                throw problem("env." + key, "no value (write \"\" for an empty one)");
            }
            if (key.isEmpty() || key.contains("=")) {
                throw problem("env." + key, "not a valid variable name");
            }
            placeholders("env." + key, value);
        });
        return raw.env();
    }

    private void placeholders(String field, String text) {
        Placeholders.unknownIn(text).ifPresent(unknown -> {
            throw problem(field, "unknown placeholder " + unknown + " (known: "
                    + Placeholders.NAMES.stream().map(Placeholders::of).collect(Collectors.joining(", ")) + ")");
        });
    }

    /** Relative to the spec file's directory, so a spec can sit next to what it starts. */
    private Path workdir() {
        Path base = file.toAbsolutePath().normalize().getParent();
        Path dir = raw.workdir() == null ? base : base.resolve(raw.workdir()).normalize();
        if (!Files.isDirectory(dir)) {
            throw problem("workdir", "no such directory: " + dir);
        }
        return dir;
    }

    private Readiness readiness(Role role) {
        SpecFile.Ready ready = raw.readiness();
        if (ready == null) {
            // A server is ready when it accepts connections; a client has nothing to wait for.
            return role == Role.SERVER ? new Readiness.Port(TargetSpecs.DEFAULT_READINESS_TIMEOUT)
                    : new Readiness.Delay(Duration.ZERO, TargetSpecs.DEFAULT_READINESS_TIMEOUT);
        }
        Duration timeout = optionalDuration("readiness.timeout", ready.timeout(), TargetSpecs.DEFAULT_READINESS_TIMEOUT);
        if (timeout.isZero()) {
            throw problem("readiness.timeout", "must be above 0");
        }
        boolean port = Boolean.TRUE.equals(ready.port());
        long given = (port ? 1 : 0) + (ready.logLine() != null ? 1 : 0) + (ready.delay() != null ? 1 : 0);
        if (given != 1) {
            throw problem("readiness", "give exactly one of port: true, log_line: REGEX, delay: DURATION");
        }
        if (port) {
            if (role != Role.SERVER) {
                throw problem("readiness.port", "only a server listens; a client is ready by log_line or delay");
            }
            return new Readiness.Port(timeout);
        }
        if (ready.logLine() != null) {
            try {
                return new Readiness.LogLine(Pattern.compile(ready.logLine()), timeout);
            } catch (PatternSyntaxException e) {
                throw problem("readiness.log_line", "not a valid regular expression: " + e.getDescription());
            }
        }
        Duration delay = duration("readiness.delay", ready.delay());
        if (delay.compareTo(timeout) >= 0) {
            throw problem("readiness.delay", "must be shorter than readiness.timeout (" + timeout.toMillis() + " ms)");
        }
        return new Readiness.Delay(delay, timeout);
    }

    private String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw problem(field, "missing");
        }
        return value.trim();
    }

    private Duration duration(String field, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw problem(field, e.getMessage());
        }
    }

    private Duration optionalDuration(String field, String text, Duration fallback) {
        return text == null ? fallback : duration(field, text);
    }

    private SpecException problem(String field, String what) {
        return new SpecException(file, field, what);
    }
}
