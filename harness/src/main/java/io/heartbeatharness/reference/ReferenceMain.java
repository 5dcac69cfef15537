package io.heartbeatharness.reference;

import io.heartbeatharness.budget.HeartbeatParams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one reference server or client as its own process, printing JSON-lines events on stdout until it is
 * terminated. Durations are given already scaled, in milliseconds.
 */
@Command(name = "reference", mixinStandardHelpOptions = true,
        description = "Run a reference heartbeat server or client, printing JSON-lines events on stdout.")
public final class ReferenceMain implements Callable<Integer> {

    @Option(names = "--design", required = true, description = "ws-json")
    String design;

    @Option(names = "--role", required = true, description = "server or client")
    String role;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "bind (server) or connect (client) address")
    String host;

    @Option(names = "--port", defaultValue = "0", description = "listen port (server, 0 = any) or server port (client)")
    int port;

    @Option(names = "--path", defaultValue = "/ws", description = "WebSocket path")
    String path;

    @Option(names = "--interval-ms", defaultValue = "30000", description = "heartbeat interval I")
    long intervalMs;

    @Option(names = "--timeout-ms", defaultValue = "5000", description = "heartbeat timeout T")
    long timeoutMs;

    @Option(names = "--sweep-ms", defaultValue = "0", description = "sweep period P (0 = exact timers)")
    long sweepMs;

    @Option(names = "--backoff-initial-ms", defaultValue = "1000", description = "first reconnect delay cap")
    long backoffInitialMs;

    @Option(names = "--backoff-max-ms", defaultValue = "10000", description = "largest reconnect delay")
    long backoffMaxMs;

    @Option(names = "--no-jitter", description = "reconnect without jitter")
    boolean noJitter;

    @Option(names = "--close-code", defaultValue = "4000", description = "close code on heartbeat timeout")
    int closeCode;

    @Option(names = "--close-reason", defaultValue = "heartbeat timeout", description = "close reason")
    String closeReason;

    @Option(names = "--connections", defaultValue = "1", description = "connections held by a client")
    int connections;

    @Option(names = "--flaw", description = "a known-bad behaviour to adopt (repeatable)")
    List<String> flaws = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Design chosen = Design.parse(design);
        Set<KnownBad> bad = EnumSet.noneOf(KnownBad.class);
        flaws.forEach(flag -> bad.add(KnownBad.parse(flag)));
        HeartbeatParams params = new HeartbeatParams(ms("interval-ms", intervalMs), ms("timeout-ms", timeoutMs),
                sweep(sweepMs), ms("backoff-initial-ms", backoffInitialMs), ms("backoff-max-ms", backoffMaxMs),
                !noJitter, closeCode, closeReason);
        EventLog log = EventLog.to(System.out);
        RunningImplementation running;
        try {
            running = switch (role) {
                case "server" -> chosen.startServer(new ServerConfig(host, port, path, params, bad), log);
                case "client" -> chosen.startClient(new ClientConfig(host, port, path, params, connections, bad), log);
                default -> throw new IllegalArgumentException("role: must be 'server' or 'client', got '" + role + "'");
            };
        } catch (Exception e) {
            if (e instanceof java.net.BindException) {
                throw new IllegalArgumentException("port: cannot listen on " + host + ":" + port + ": " + e.getMessage());
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "reference-shutdown"));
        stopped.await();
        return 0;
    }

    private static Duration ms(String flag, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(flag + ": must be above 0, got " + value);
        }
        return Duration.ofMillis(value);
    }

    private static Duration sweep(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("sweep-ms: must not be negative, got " + value);
        }
        return Duration.ofMillis(value);
    }

    /** Parses and runs; a configuration mistake prints one line and exits 2. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new ReferenceMain());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("reference: " + e.getMessage());
                return 2;
            }
            cmd.getErr().println("reference: " + e);
            return 1;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("reference: " + e.getMessage());
            return 2;
        });
        return cli.execute(args);
    }

    public static void main(String[] args) {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
