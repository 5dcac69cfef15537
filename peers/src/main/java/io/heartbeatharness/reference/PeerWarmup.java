package io.heartbeatharness.reference;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.RunningImplementation;
import io.heartbeatharness.timeline.PeerEvents;
import picocli.CommandLine;

import java.util.ArrayList;
import java.time.Duration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs every reference design once, server and client in this one JVM, through the same command-line parsing a peer
 * process goes through, then exits. {@code PeerClassArchive} runs it in a JVM that writes the classes it loaded into
 * a class-data archive at exit, so that later peer JVMs map those classes instead of loading and verifying them.
 * What it does is irrelevant to any verdict; only which classes it loads matters.
 */
public final class PeerWarmup {
    /** Long enough for one connection and one heartbeat exchange on a busy machine; a design that takes longer is left. */
    private static final long PER_DESIGN_MS = 3_000;

    private PeerWarmup() {
    }

    public static void main(String[] args) throws Exception {
        for (Design design : Design.values()) {
            try {
                exercise(design);
            } catch (RuntimeException e) {
                // One design that cannot start here costs its own classes, not the whole archive.
                System.err.println("warm-up: " + design.id() + " did not run: " + e.getMessage());
            }
        }
        // The archive is written as the JVM exits; the reference implementations' threads are not daemons.
        System.exit(0);
    }

    private static void exercise(Design design) throws InterruptedException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        EventLog log = EventLog.to(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (RunningImplementation server = design.startServer(plan(design, "server", 0).serverConfig(), log);
             RunningImplementation client = design.startClient(plan(design, "client", server.port()).clientConfig(),
                     log)) {
            String awaited = design == Design.TCP_KEEPALIVE ? PeerEvents.CONNECTED : PeerEvents.PONG_RECEIVED;
            long deadline = System.nanoTime() + PER_DESIGN_MS * 1_000_000;
            while (!printed.toString(StandardCharsets.UTF_8).contains("\"" + awaited + "\"")
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
    }

    /** Short timings: one heartbeat exchange within a few hundred milliseconds. */
    private static ReferenceMain.Plan plan(Design design, String role, int port) {
        HeartbeatParams quick = design.declared().withInterval(Duration.ofMillis(200)).withTimeout(Duration.ofSeconds(1))
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(500));
        List<String> args = new ArrayList<>(List.of("--design", design.id(), "--role", role,
                "--port", Integer.toString(port), "--connections", "1"));
        args.addAll(HeartbeatArgs.flags(quick, design.model().pings()));
        ReferenceMain cli = new ReferenceMain();
        new CommandLine(cli).parseArgs(args.toArray(String[]::new));
        return cli.plan();
    }
}
