package io.heartbeatharness.reference.tcpkeepalive;

import io.heartbeatharness.budget.Budget;
import io.heartbeatharness.budget.Budgets;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.process.ManagedProcess;
import io.heartbeatharness.process.ProcessReaper;
import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.proxy.EmbeddedProxy;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.reference.common.KeepaliveSettings;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.ReferenceProcesses;
import io.heartbeatharness.reference.RestartCheck;
import io.heartbeatharness.time.Mono;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.TimelineEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The tcp-keepalive design with real processes: the kernel holds the options it was given, reports a peer
 * behind an IP-level blackhole dead within idle + intvl × cnt, and never sees one behind a user-space proxy.
 */
class TcpKeepaliveIT {
    private final List<AutoCloseable> owned = new ArrayList<>();

    @AfterEach
    void noProcessIsLeft() throws Exception {
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).close();
        }
        assertThat(ProcessReaper.live()).isZero();
    }

    private <T extends AutoCloseable> T own(T resource) {
        owned.add(resource);
        return resource;
    }

    private ReferenceProcesses processes(List<String> prefix) {
        return own(new ReferenceProcesses(Design.TCP_KEEPALIVE, prefix));
    }

    @Test
    void clientReconnectsToARestartedServerWithTheDeclaredKeepaliveOnBothSockets() {
        ReferenceProcesses run = processes(List.of());
        RestartCheck.Restarted restarted = RestartCheck.clientReconnectsToARestartedServer(run, PeerEvents.CONNECTED);
        KeepaliveSettings expected = KeepaliveSettings.of(run.params(), KeepaliveSettings.DEFAULT_COUNT);
        TimelineEvent client = run.events(restarted.client(), PeerEvents.CONNECTED).get(1);
        TimelineEvent server = run.await(restarted.server(), PeerEvents.CONNECTED, 0, ReferenceProcesses.STARTUP);
        for (TimelineEvent connected : new TimelineEvent[] {client, server}) {
            assertThat(connected.data()).containsEntry("so_keepalive", true)
                    .containsEntry("keepidle_s", (long) expected.idleSeconds())
                    .containsEntry("keepintvl_s", (long) expected.intervalSeconds())
                    .containsEntry("keepcnt", (long) expected.count());
        }
    }

    @Test
    void knownBadFlawsLeaveKeepaliveOff() {
        ReferenceProcesses run = processes(List.of());
        ManagedProcess server = run.server(0, "--flaw", KnownBad.NEVER_CLOSE.flag());
        ManagedProcess client = run.client(run.portOf(server), "--flaw", KnownBad.NEVER_PING.flag());
        assertThat(run.await(client, PeerEvents.CONNECTED, 0, ReferenceProcesses.STARTUP).data())
                .containsEntry("so_keepalive", false);
        assertThat(run.await(server, PeerEvents.CONNECTED, 0, ReferenceProcesses.STARTUP).data())
                .containsEntry("so_keepalive", false);
    }

    @Test
    void bothSidesReportAPeerBehindAnIpBlackholeDeadWithinIdlePlusIntervalTimesCount() throws Exception {
        String namespace = own(Namespace.create("hh-keepalive-" + ProcessHandle.current().pid())).name();
        ReferenceProcesses run = processes(List.of("ip", "netns", "exec", namespace));
        ManagedProcess server = run.server(0);
        int port = run.portOf(server);
        ManagedProcess client = run.client(port);
        run.await(client, PeerEvents.CONNECTED, 0, ReferenceProcesses.STARTUP);
        run.await(server, PeerEvents.CONNECTED, 0, ReferenceProcesses.STARTUP);

        long dropped = Mono.now();
        Namespace.exec(namespace, "iptables", "-A", "INPUT", "-p", "tcp", "--dport", Integer.toString(port), "-j", "DROP");
        Namespace.exec(namespace, "iptables", "-A", "INPUT", "-p", "tcp", "--sport", Integer.toString(port), "-j", "DROP");
        KeepaliveSettings keepalive = KeepaliveSettings.of(run.params(), KeepaliveSettings.DEFAULT_COUNT);
        Budget budget = Budgets.tcpKeepalive(keepalive.idleSeconds(), keepalive.intervalSeconds(), keepalive.count(),
                Tolerance.DEFAULT);
        for (ManagedProcess side : List.of(client, server)) {
            TimelineEvent dead = run.await(side, PeerEvents.PEER_DEAD, dropped, budget.limit().multipliedBy(2));
            long detectedMs = ReferenceProcesses.millisBetween(dropped, dead.monoNanos());
            System.out.printf("%s: kernel gave up %d ms after the blackhole, budget %d ms (%s)%n", side.name(), detectedMs,
                    budget.millis(), budget.formula());
            assertThat(detectedMs)
                    .as("%s: expected the kernel to give up within %d ms (%s), observed %d ms", side.name(), budget.millis(),
                            budget.formula(), detectedMs)
                    .isLessThanOrEqualTo(budget.millis());
            assertThat(dead.str("reason")).startsWith("kernel: ");
        }
    }

    @Test
    void aBlackholeBehindAUserSpaceProxyIsNeverSeenByKeepalive() {
        ReferenceProcesses run = processes(List.of());
        ManagedProcess server = run.server(0);
        EmbeddedProxy proxy = own(EmbeddedProxy.start("keepalive", new InetSocketAddress("127.0.0.1", run.portOf(server)),
                run.timeline()));
        ManagedProcess client = run.client(proxy.port());
        run.await(client, PeerEvents.CONNECTED, 0, ReferenceProcesses.STARTUP);
        run.await(server, PeerEvents.CONNECTED, 0, ReferenceProcesses.STARTUP);

        proxy.blackhole(Direction.UPSTREAM, true);
        proxy.blackhole(Direction.DOWNSTREAM, true);
        KeepaliveSettings keepalive = KeepaliveSettings.of(run.params(), KeepaliveSettings.DEFAULT_COUNT);
        // Twice the time the kernel would need on a direct path: the proxy's own kernel answers every probe.
        long until = Mono.now() + keepalive.effectiveDetection().multipliedBy(2).toNanos();
        while (Mono.now() < until) {
            assertThat(run.timeline().events(e -> e.is(PeerEvents.PEER_DEAD))).as("keepalive cannot see past the proxy").isEmpty();
            sleep(Duration.ofSeconds(keepalive.intervalSeconds()));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A network namespace of this test's own, with loopback up; deleting it takes its iptables rules along.
     * Creating one needs root (CAP_NET_ADMIN) and iproute2: without them the test is skipped with the reason,
     * or fails when {@code HARNESS_REQUIRE_ALL=true}.
     */
    private record Namespace(String name) implements AutoCloseable {

        static Namespace create(String name) {
            String problem = run("ip", "netns", "add", name);
            if (problem == null) {
                problem = run("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
                if (problem != null) {
                    run("ip", "netns", "del", name);
                }
            }
            if (problem != null) {
                String reason = "needs root, iproute2 and iptables for a network namespace: " + problem;
                if ("true".equals(System.getenv("HARNESS_REQUIRE_ALL"))) {
                    fail(reason);
                }
                Assumptions.abort(reason);
            }
            return new Namespace(name);
        }

        /** Runs {@code command} inside the namespace; fails when it does. */
        static void exec(String namespace, String... command) {
            List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
            argv.addAll(List.of(command));
            String problem = run(argv.toArray(new String[0]));
            if (problem != null) {
                throw new IllegalStateException(problem);
            }
        }

        /** Runs a command; {@code null} when it succeeded, else what went wrong. */
        static String run(String... command) {
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                // A guard against a hang: these commands return at once.
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return String.join(" ", command) + ": no answer";
                }
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                return process.exitValue() == 0 ? null : String.join(" ", command) + ": " + output;
            } catch (IOException e) {
                return String.join(" ", command) + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }

        @Override
        public void close() {
            run("ip", "netns", "del", name);
        }
    }
}
