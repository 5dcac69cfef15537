package io.heartbeatharness.kernel;

import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.testing.Prerequisites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kernel network for real: namespaces, veths and rules are made, work, and leave nothing behind. */
class KernelNetworkIT {
    private String rootRulesBefore;

    @BeforeEach
    void needsRoot() {
        Prerequisites.assume(KernelSupport.unavailableReason());
        rootRulesBefore = rules(List.of());
    }

    @AfterEach
    void nothingOfThisRunRemains() {
        String mine = "hh" + ProcessHandle.current().pid() + "c";
        assertThat(StaleKernelNetworks.ownedNamespaces()).noneMatch(n -> n.startsWith(mine));
        assertThat(StaleKernelNetworks.ownedRootInterfaces()).isEmpty();
        assertThat(rules(List.of())).as("root namespace rules").isEqualTo(rootRulesBefore);
    }

    /** Every rule of the tables the harness uses, without counters (which change with traffic). */
    private static String rules(List<String> where) {
        StringBuilder all = new StringBuilder();
        for (String table : List.of("filter", "nat", "raw")) {
            List<String> argv = new java.util.ArrayList<>(where);
            argv.addAll(List.of("iptables", "-w", "-t", table, "-S"));
            all.append(KernelCommands.run(argv));
        }
        return all.toString();
    }

    @Test
    void closeRemovesEveryNamespaceAndVethWithTheirRules() {
        NatRouterNetwork network = NatRouterNetwork.create();
        network.natIdleTimeout(Duration.ofSeconds(2));
        network.blackhole(Direction.UPSTREAM, true);
        assertThat(StaleKernelNetworks.namespaces()).contains(network.clientNamespace(), network.routerNamespace(),
                network.serverNamespace());
        assertThat(rules(List.of("ip", "netns", "exec", network.routerNamespace()))).contains("MASQUERADE",
                "INVALID", "-i " + network.names().veth("cn") + " -j DROP");
        assertThat(KernelCommands.inNamespace(network.routerNamespace(), "sysctl", "-n",
                "net.netfilter.nf_conntrack_tcp_timeout_established").trim()).isEqualTo("2");

        network.close();

        assertThat(StaleKernelNetworks.namespaces()).doesNotContain(network.clientNamespace(),
                network.routerNamespace(), network.serverNamespace());
        assertThat(KernelCommands.run("ip", "-o", "link", "show")).doesNotContain(network.names().cell());
    }

    @Test
    void theSweepRemovesWhatADeadRunLeftAndKeepsWhatALiveRunOwns() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String stale = KernelNames.forCell(gone.pid(), 1).namespace("srv");
        String live = KernelNames.forCell(ProcessHandle.current().pid(), 0).namespace("sweep");
        KernelCommands.run("ip", "netns", "add", stale);
        KernelCommands.run("ip", "netns", "add", live);
        try {
            List<String> removed = StaleKernelNetworks.sweep();
            assertThat(removed).contains(stale).doesNotContain(live);
            assertThat(StaleKernelNetworks.namespaces()).doesNotContain(stale).contains(live);
        } finally {
            KernelCommands.run("ip", "netns", "del", live);
            if (StaleKernelNetworks.namespaces().contains(stale)) {
                KernelCommands.run("ip", "netns", "del", stale);
            }
        }
    }

    @Test
    void aFailedCommandIsReportedWithTheCommandAndItsStderr() {
        assertThatThrownBy(() -> KernelCommands.run("ip", "netns", "del", "hh0c0-never-made"))
                .isInstanceOf(KernelCommandException.class)
                .hasMessageContaining("ip netns del hh0c0-never-made: exit ")
                .hasMessageContaining("hh0c0-never-made");
    }
}
