package io.heartbeatharness.reference;

import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.KeepaliveSettings;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.common.RunningImplementation;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatParams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one reference server or client as its own process, printing JSON-lines events on stdout until it is
 * terminated. Durations are given already scaled, in milliseconds; any left out take the design's declared value.
 */
@Command(name = "reference", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a reference heartbeat server or client, printing JSON-lines events on stdout.")
public final class ReferenceMain implements Callable<Integer> {
    /**
     * The system property through which a started peer learns the harness's pid, so that it exits when the harness
     * is gone.
     */
    public static final String PARENT_PID_PROPERTY = "heartbeatharness.parent-pid";

    @Option(names = "--design", required = true, description = "ws-json, ws-control, socket.io, mqtt, mqtt5, line, idle or tcp-keepalive")
    String design;

    @Option(names = "--role", required = true, description = "server or client")
    String role;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "bind (server) or connect (client) address")
    String host;

    @Option(names = "--port", defaultValue = "0", description = "listen port (server, 0 = any) or server port (client)")
    int port;

    @Option(names = "--path", defaultValue = "/ws", description = "WebSocket path")
    String path;

    @Option(names = "--interval-ms", description = "heartbeat interval I (default: the design's)")
    Long intervalMs;

    @Option(names = "--timeout-ms", description = "heartbeat timeout T (default: the design's)")
    Long timeoutMs;

    @Option(names = "--sweep-ms", description = "sweep period P, 0 = exact timers (default: the design's)")
    Long sweepMs;

    @Option(names = "--backoff-initial-ms", description = "first reconnect delay cap (default: the design's)")
    Long backoffInitialMs;

    @Option(names = "--backoff-max-ms", description = "largest reconnect delay (default: the design's)")
    Long backoffMaxMs;

    @Option(names = "--no-jitter", description = "reconnect without jitter")
    boolean noJitter;

    @Option(names = "--close-code", description = "close code on heartbeat timeout (default: the design's)")
    Integer closeCode;

    @Option(names = "--close-reason", description = "close reason (default: the design's)")
    String closeReason;

    @Option(names = "--keepidle-ms", description = "tcp-keepalive: TCP_KEEPIDLE, rounded up to whole seconds (default: I)")
    Long keepidleMs;

    @Option(names = "--keepintvl-ms", description = "tcp-keepalive: TCP_KEEPINTVL, rounded up to whole seconds (default: T / keepcnt)")
    Long keepintvlMs;

    @Option(names = "--keepcnt", description = "tcp-keepalive: TCP_KEEPCNT (default: " + KeepaliveSettings.DEFAULT_COUNT + ")")
    Integer keepcnt;

    @Option(names = "--pings", description = "who sends pings in this pairing: client, server or both (default: the design's)")
    String pings;

    @Option(names = "--connections", defaultValue = "1", description = "connections held by a client")
    int connections;

    @Option(names = "--flaw", description = "a known-bad behaviour to adopt (repeatable): never-close, never-ping, "
            + "reconnect-only-from-idle-event, no-jitter, sweep-equals-interval, hasty-timeout, no-reconnect-after-ping-timeout")
    List<String> flaws = new ArrayList<>();

    /** What the command line asks for, validated; nothing is started. */
    record Plan(Design design, Side role, ServerConfig serverConfig, ClientConfig clientConfig) {
    }

    Plan plan() {
        Design chosen = Design.parse(design);
        Side side = switch (role) {
            case "server" -> Side.SERVER;
            case "client" -> Side.CLIENT;
            default -> throw new IllegalArgumentException("role: must be 'server' or 'client', got '" + role + "'");
        };
        Set<KnownBad> bad = EnumSet.noneOf(KnownBad.class);
        flaws.forEach(flag -> bad.add(KnownBad.parse(flag)));
        chosen.checkFlaws(side, bad);
        HeartbeatParams declared = chosen.declared();
        HeartbeatParams params = new HeartbeatParams(
                ms("interval-ms", intervalMs, declared.interval()),
                ms("timeout-ms", timeoutMs, declared.timeout()),
                sweep(sweepMs, declared.sweepPeriod()),
                ms("backoff-initial-ms", backoffInitialMs, declared.backoffInitial()),
                ms("backoff-max-ms", backoffMaxMs, declared.backoffMax()),
                declared.jitter() && !noJitter,
                closeCode != null ? closeCode : declared.closeCode(),
                closeReason != null ? closeReason : declared.closeReason());
        if (bad.contains(KnownBad.HASTY_TIMEOUT)) {
            params = params.withTimeout(params.timeout().dividedBy(3));
        }
        KeepaliveSettings keepalive = keepalive(chosen, params);
        HeartbeatModel.Pingers pairing = pings == null ? chosen.model().pings()
                : HeartbeatModel.parse(HeartbeatModel.Pingers.class, "pings", pings);
        chosen.checkPings(pairing);
        if (side == Side.SERVER) {
            return new Plan(chosen, side, new ServerConfig(host, port, path, params, bad, keepalive, pairing), null);
        }
        return new Plan(chosen, side, null, new ClientConfig(host, port, path, params, connections, bad, keepalive, pairing));
    }

    private KeepaliveSettings keepalive(Design chosen, HeartbeatParams params) {
        if (chosen != Design.TCP_KEEPALIVE) {
            for (String flag : new String[] {keepidleMs != null ? "keepidle-ms" : null,
                    keepintvlMs != null ? "keepintvl-ms" : null, keepcnt != null ? "keepcnt" : null}) {
                if (flag != null) {
                    throw new IllegalArgumentException(flag + ": only the tcp-keepalive design uses it, not " + chosen.id());
                }
            }
            return null;
        }
        KeepaliveSettings settings = KeepaliveSettings.of(params, keepcnt != null ? keepcnt : KeepaliveSettings.DEFAULT_COUNT);
        if (keepidleMs != null) {
            settings = settings.withIdle(ms("keepidle-ms", keepidleMs, null));
        }
        if (keepintvlMs != null) {
            settings = settings.withInterval(ms("keepintvl-ms", keepintvlMs, null));
        }
        return settings;
    }

    @Override
    public Integer call() throws Exception {
        Plan plan = plan();
        EventLog log = EventLog.to(System.out);
        RunningImplementation running;
        try {
            running = plan.role() == Side.SERVER ? plan.design().startServer(plan.serverConfig(), log)
                    : plan.design().startClient(plan.clientConfig(), log);
        } catch (Exception e) {
            if (e instanceof BindException) {
                throw new IllegalArgumentException("port: cannot listen on " + host + ":" + port + ": " + e.getMessage());
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "reference-shutdown"));
        exitWithParent();
        stopped.await();
        return 0;
    }

    /**
     * Exits as soon as the harness that started this process is gone, when it said who it is
     * ({@link #PARENT_PID_PROPERTY}): a harness killed with {@code kill -9} leaves no peer running.
     */
    private static void exitWithParent() {
        String pid = System.getProperty(PARENT_PID_PROPERTY);
        if (pid == null || pid.isBlank()) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid.trim())).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> System.exit(0)),
                () -> System.exit(0));
    }

    private static Duration ms(String flag, Long value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value <= 0) {
            throw new IllegalArgumentException(flag + ": must be above 0, got " + value);
        }
        return Duration.ofMillis(value);
    }

    private static Duration sweep(Long value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 0) {
            throw new IllegalArgumentException("sweep-ms: must not be negative, got " + value);
        }
        return Duration.ofMillis(value);
    }

    /** Parses and runs; a configuration mistake prints one line and exits 2. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #run(String...)}, with the streams usage and errors are printed on. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new ReferenceMain());
        cli.setOut(out);
        cli.setErr(err);
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
