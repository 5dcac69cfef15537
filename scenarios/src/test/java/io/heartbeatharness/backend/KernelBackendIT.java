package io.heartbeatharness.backend;

import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.kernel.KernelCommands;
import io.heartbeatharness.kernel.StaleKernelNetworks;
import io.heartbeatharness.process.ProcessReaper;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.RunResult;
import io.heartbeatharness.run.MatrixRun;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.scenario.halfopen.HalfOpen;
import io.heartbeatharness.scenario.natidle.NatIdle;
import io.heartbeatharness.scenario.tcpkeepalive.TcpKeepaliveBlackhole;
import io.heartbeatharness.testing.Prerequisites;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel backend for real, as root: a conntrack NAT that keeps or forgets a mapping, an iptables blackhole
 * that TCP keepalive detects, scenarios it cannot judge refused — and nothing left behind afterwards.
 */
class KernelBackendIT {
    /**
     * Three at a time, the keepalive cells first: their detection is stamped by a JVM's event loop, which a machine
     * busy starting a dozen JVMs can wake late — the kernel's own timing is what is judged, not that.
     */
    private static final int JOBS = 3;
    private static RunResult run;
    private static String rootRulesBefore;

    private static Target reference(Design design, Side role, Set<KnownBad> flaws) {
        return Target.reference(design, role, ReferenceTargets.params(design), flaws);
    }

    @BeforeAll
    static void runTheKernelCells() {
        Prerequisites.assume(new KernelBackend().unavailableReason());
        rootRulesBefore = rootRules();
        Target wsJsonServer = reference(Design.WS_JSON, Side.SERVER, Set.of());
        Target lineClient = reference(Design.LINE, Side.CLIENT, Set.of());
        List<MatrixRun.Planned> cells = new ArrayList<>(List.of(
                new MatrixRun.Planned(new TcpKeepaliveBlackhole(), reference(Design.TCP_KEEPALIVE, Side.SERVER, Set.of())),
                new MatrixRun.Planned(new TcpKeepaliveBlackhole(), reference(Design.TCP_KEEPALIVE, Side.CLIENT, Set.of())),
                new MatrixRun.Planned(new TcpKeepaliveBlackhole(),
                        reference(Design.TCP_KEEPALIVE, Side.SERVER, Set.of(KnownBad.NEVER_CLOSE))),
                new MatrixRun.Planned(NatIdle.keepsAlive(), wsJsonServer),
                new MatrixRun.Planned(NatIdle.expired(), wsJsonServer),
                new MatrixRun.Planned(NatIdle.keepsAlive(), lineClient),
                new MatrixRun.Planned(NatIdle.expired(), lineClient),
                // At the CI scale idle's I is 1000 ms: no whole-second conntrack timeout lies below it.
                new MatrixRun.Planned(NatIdle.expired(), reference(Design.IDLE, Side.CLIENT, Set.of())),
                new MatrixRun.Planned(HalfOpen.both(), wsJsonServer)));
        run = new MatrixRun(RunDefaults.CI_SCALE, Tolerance.DEFAULT, new KernelBackend())
                .run(cells, 1, JOBS, System.out::println);
    }

    private static CellResult cell(String scenario, String target) {
        return run.cells().stream().filter(c -> c.scenario().equals(scenario) && c.target().equals(target))
                .findFirst().orElseThrow(() -> new AssertionError("no cell " + scenario + " [" + target + "]"));
    }

    private static void assertVerdict(CellResult cell, Verdict verdict) {
        assertThat(cell.verdict()).as("%s [%s]: %s", cell.scenario(), cell.target(), cell.message()).isEqualTo(verdict);
        assertThat(cell.backend()).isEqualTo(KernelBackend.ID);
    }

    @Test
    void heartbeatsFasterThanTheConntrackTimeoutKeepTheMappingForThreeTimeouts() {
        for (String target : List.of("ws-json server", "line client")) {
            CellResult cell = cell("nat-idle/keeps-alive", target);
            assertVerdict(cell, Verdict.PASS);
            assertThat(cell.timeline()).anyMatch(e -> e.is(HarnessEvents.KERNEL_NETWORK));
        }
    }

    @Test
    void anExpiredConntrackMappingIsDetectedWithinBudgetAndTheClientGetsANewOne() {
        CellResult server = cell("nat-idle/expired", "ws-json server");
        assertVerdict(server, Verdict.PASS);
        assertThat(server.detectionMs()).isLessThanOrEqualTo(server.budgetMs());
        CellResult client = cell("nat-idle/expired", "line client");
        assertVerdict(client, Verdict.PASS);
        assertThat(client.reconnectMs()).isNotNull();
    }

    @Test
    void aTimeoutTheKernelCannotHoldBelowTheIntervalIsUnsupported() {
        CellResult cell = cell("nat-idle/expired", "idle client");
        assertVerdict(cell, Verdict.UNSUPPORTED);
        assertThat(cell.message()).contains("steps of 1000 ms", "--scale");
    }

    @Test
    void keepaliveDetectsAnIpBlackholeWithinIdlePlusIntervalTimesCount() {
        for (String target : List.of("tcp-keepalive server", "tcp-keepalive client")) {
            CellResult cell = cell(TcpKeepaliveBlackhole.ID, target);
            assertVerdict(cell, Verdict.PASS);
            assertThat(cell.detectionMs()).isLessThanOrEqualTo(cell.budgetMs());
            assertThat(cell.message()).contains("kernel: ");
        }
        assertThat(cell(TcpKeepaliveBlackhole.ID, "tcp-keepalive client").reconnectMs()).isNotNull();
    }

    @Test
    void aServerWithKeepaliveOffFailsTheBlackhole() {
        CellResult cell = cell(TcpKeepaliveBlackhole.ID, "tcp-keepalive server (never-close)");
        assertVerdict(cell, Verdict.FAIL);
        assertThat(cell.message()).contains("observed no detection");
    }

    @Test
    void aScenarioJudgedFromTheProxyTapIsRefusedNotMisjudged() {
        CellResult cell = cell("half-open/both", "ws-json server");
        assertVerdict(cell, Verdict.UNSUPPORTED);
        assertThat(cell.message()).contains("no tap");
    }

    @Test
    void noNamespaceVethRuleOrProcessOfTheRunRemains() {
        String mine = "hh" + ProcessHandle.current().pid() + "c";
        assertThat(StaleKernelNetworks.ownedNamespaces()).noneMatch(n -> n.startsWith(mine));
        assertThat(StaleKernelNetworks.ownedRootInterfaces()).isEmpty();
        assertThat(rootRules()).isEqualTo(rootRulesBefore);
        assertThat(ProcessReaper.live()).isZero();
    }

    /** The root namespace's rules, without counters: the kernel backend never adds one there. */
    private static String rootRules() {
        StringBuilder all = new StringBuilder();
        for (String table : List.of("filter", "nat", "raw")) {
            all.append(KernelCommands.run("iptables", "-w", "-t", table, "-S"));
        }
        return all.toString();
    }
}
