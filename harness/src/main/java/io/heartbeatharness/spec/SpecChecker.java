package io.heartbeatharness.spec;

import io.heartbeatharness.protocol.Protocol;
import io.heartbeatharness.target.Placeholders;
import io.heartbeatharness.target.Readiness;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.target.TargetLaunch;
import io.heartbeatharness.scenario.ScenarioCatalogue;
import io.heartbeatharness.scenario.ScenarioSelection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Checks a spec as read, field by field ({@link HeartbeatFields} the heartbeat's), and builds the target; the first
 * problem is a {@link SpecException}.
 */
final class SpecChecker {
    private final Path file;
    private final SpecFile raw;
    private final SpecFields fields;

    SpecChecker(Path file, SpecFile raw) {
        this.file = file;
        this.raw = raw;
        this.fields = new SpecFields(file);
    }

    Target target() {
        String name = fields.required("name", raw.name());
        Side role = role();
        Protocol protocol = protocol();
        String path = path(protocol);
        HeartbeatFields.Declared heartbeat = new HeartbeatFields(raw, fields).declared(role, protocol);
        TargetLaunch launch = launch(role);
        Target target = new Target(name, role, protocol, heartbeat.params(), launch,
                path == null ? Target.DEFAULT_PATH : path, heartbeat.model(), heartbeat.clientKeepAlive());
        return raw.scenarios() == null ? target : target.withScenarios(scenarios(target));
    }

    /** The scenarios the spec says to check it against, each of which must select a cell of this target. */
    private List<String> scenarios(Target target) {
        List<String> selectors = raw.scenarios();
        if (selectors.isEmpty()) {
            throw fields.problem("scenarios", "empty: leave it out to check every scenario that applies");
        }
        var installed = ScenarioCatalogue.installed();
        for (int i = 0; i < selectors.size(); i++) {
            String field = "scenarios[" + i + "]";
            ScenarioSelection.problemWith(installed, selectors.get(i), target).ifPresent(problem -> {
                throw fields.problem(field, problem);
            });
        }
        return selectors.stream().map(String::trim).toList();
    }

    private Side role() {
        String role = fields.required("role", raw.role());
        return switch (role) {
            case "server" -> Side.SERVER;
            case "client" -> Side.CLIENT;
            default -> throw fields.problem("role", "unknown role '" + role + "' (expected server or client)");
        };
    }

    private Protocol protocol() {
        String protocol = fields.required("protocol", raw.protocol());
        try {
            return Protocol.parse(protocol);
        } catch (IllegalArgumentException e) {
            // Protocol names the field itself ("protocol: unknown protocol ...").
            throw fields.problem("protocol", e.getMessage().substring("protocol: ".length()));
        }
    }

    private String path(Protocol protocol) {
        if (!protocol.webSocket()) {
            if (raw.path() != null) {
                throw fields.problem("path", "only the WebSocket protocols (ws-json, ws-control, socket.io) have a path");
            }
            return null;
        }
        // socket.io has a path every server and client agrees on unless told otherwise; plain WebSocket has none.
        String path = raw.path() == null && protocol.standardPath().isPresent() ? protocol.standardPath().get()
                : fields.required("path", raw.path());
        if (!path.startsWith("/") || path.chars().anyMatch(Character::isWhitespace)) {
            throw fields.problem("path", "expected a URL path starting with '/', e.g. /ws, got '" + path + "'");
        }
        return path;
    }

    private TargetLaunch launch(Side role) {
        boolean hasCommand = raw.command() != null;
        if (raw.address() != null) {
            if (hasCommand || raw.image() != null) {
                throw fields.problem("address", "give either " + (hasCommand ? "command" : "image")
                        + " (the harness starts the target) or address (it is already running), not both");
            }
            for (String field : List.of("env", "workdir", "readiness")) {
                if (field.equals("env") && raw.env() != null || field.equals("workdir") && raw.workdir() != null
                        || field.equals("readiness") && raw.readiness() != null) {
                    throw fields.problem(field, "only applies to a target started by command, not to one at an address");
                }
            }
            if (role != Side.SERVER) {
                throw fields.problem("address", "only a server can be reached at an address; a client target needs a command");
            }
            return address();
        }
        if (raw.image() != null) {
            if (raw.workdir() != null) {
                throw fields.problem("workdir", "only applies to a target started by command; a container runs in its "
                        + "image's working directory");
            }
            return new TargetLaunch.Image(ContainerImages.check(fields, raw.image()),
                    hasCommand ? command("the image's own command runs when command is left out") : List.of(), env(),
                    readiness(role));
        }
        if (!hasCommand) {
            throw fields.problem("command", "missing: give the command that starts the target (a list, e.g. [node, server.js]), "
                    + "the image of a container that runs it, or the address of one already running");
        }
        return new TargetLaunch.Command(command("give at least the program to run"), env(), workdir(), readiness(role));
    }

    private TargetLaunch.Address address() {
        String address = raw.address().trim();
        int colon = address.lastIndexOf(':');
        String host = colon < 0 ? "" : address.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw fields.problem("address", "expected host:port, e.g. 127.0.0.1:8080, got '" + raw.address() + "'");
        }
        if (port < 1 || port > 65535) {
            throw fields.problem("address", "port must be 1..65535, got " + port);
        }
        if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
            throw fields.problem("address", "the harness sends traffic to loopback only: expected 127.0.0.1 or localhost, "
                    + "got '" + host + "'");
        }
        return new TargetLaunch.Address("127.0.0.1", port);
    }

    private List<String> command(String whenEmpty) {
        List<String> command = raw.command();
        if (command.isEmpty()) {
            throw fields.problem("command", "empty: " + whenEmpty);
        }
        for (int i = 0; i < command.size(); i++) {
            String arg = command.get(i);
            if (arg == null || (i == 0 && arg.isBlank())) {
                throw fields.problem("command[" + i + "]", "empty");
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
                throw fields.problem("env." + key, "no value (write \"\" for an empty one)");
            }
            if (key.isEmpty() || key.contains("=")) {
                throw fields.problem("env." + key, "not a valid variable name");
            }
            placeholders("env." + key, value);
        });
        return raw.env();
    }

    private void placeholders(String field, String text) {
        Placeholders.unknownIn(text).ifPresent(unknown -> {
            throw fields.problem(field, "unknown placeholder " + unknown + " (known: "
                    + Placeholders.NAMES.stream().map(Placeholders::of).collect(Collectors.joining(", ")) + ")");
        });
    }

    /** Relative to the spec file's directory, so a spec can sit next to what it starts. */
    private Path workdir() {
        Path base = file.toAbsolutePath().normalize().getParent();
        Path dir = raw.workdir() == null ? base : base.resolve(raw.workdir()).normalize();
        if (!Files.isDirectory(dir)) {
            throw fields.problem("workdir", "no such directory: " + dir);
        }
        return dir;
    }

    private Readiness readiness(Side role) {
        SpecFile.Ready ready = raw.readiness();
        if (ready == null) {
            // A server is ready when it accepts connections; a client has nothing to wait for.
            return role == Side.SERVER ? new Readiness.Port(TargetSpecs.DEFAULT_READINESS_TIMEOUT)
                    : new Readiness.Delay(Duration.ZERO, TargetSpecs.DEFAULT_READINESS_TIMEOUT);
        }
        Duration timeout = fields.optionalDuration("readiness.timeout", ready.timeout(), TargetSpecs.DEFAULT_READINESS_TIMEOUT);
        if (timeout.isZero()) {
            throw fields.problem("readiness.timeout", "must be above 0");
        }
        boolean port = Boolean.TRUE.equals(ready.port());
        long given = (port ? 1 : 0) + (ready.logLine() != null ? 1 : 0) + (ready.delay() != null ? 1 : 0);
        if (given != 1) {
            throw fields.problem("readiness", "give exactly one of port: true, log_line: REGEX, delay: DURATION");
        }
        if (port) {
            if (role != Side.SERVER) {
                throw fields.problem("readiness.port", "only a server listens; a client is ready by log_line or delay");
            }
            return new Readiness.Port(timeout);
        }
        if (ready.logLine() != null) {
            try {
                return new Readiness.LogLine(Pattern.compile(ready.logLine()), timeout);
            } catch (PatternSyntaxException e) {
                throw fields.problem("readiness.log_line", "not a valid regular expression: " + e.getDescription());
            }
        }
        Duration delay = fields.duration("readiness.delay", ready.delay());
        if (delay.compareTo(timeout) >= 0) {
            throw fields.problem("readiness.delay", "must be shorter than readiness.timeout (" + timeout.toMillis() + " ms)");
        }
        return new Readiness.Delay(delay, timeout);
    }
}
