package io.heartbeatharness.backend;

import io.heartbeatharness.kernel.KernelCommands;
import io.heartbeatharness.kernel.KernelSupport;
import io.heartbeatharness.kernel.NatRouterNetwork;
import io.heartbeatharness.kernel.StaleKernelNetworks;

import io.heartbeatharness.timeline.HarnessEvents;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Linux kernel as the fault backend: each cell gets a client and a server namespace with a NAT router
 * namespace between them ({@link NatRouterNetwork}), so NAT idle expiry is conntrack's own and a blackhole is an
 * iptables {@code DROP} — faults TCP keepalive can see, which no user-space proxy can make. Needs root.
 *
 * <p>There is no tap: the processes' own event logs are the only evidence, so scenarios judged from the embedded
 * proxy's tap are refused ({@code UNSUPPORTED}) rather than misjudged.
 */
public final class KernelBackend implements FaultBackend {
    public static final String ID = "kernel";
    private static final AtomicBoolean SWEPT = new AtomicBoolean();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<String> unavailableReason() {
        return KernelSupport.unavailableReason();
    }

    @Override
    public Optional<String> refusal(FaultDemand scenario) {
        if (scenario.judgedFromProcessLogs()) {
            return Optional.empty();
        }
        return Optional.of("judged from the embedded proxy's tap of every connection (accept, bytes, FIN, RST); the "
                + "kernel backend has no tap, only the processes' own event logs");
    }

    @Override
    public CellNetwork open(BackendCell cell) {
        // The first cell of a run clears what a killed earlier run left (its pid no longer alive).
        if (SWEPT.compareAndSet(false, true)) {
            StaleKernelNetworks.sweep();
        }
        NatRouterNetwork network = NatRouterNetwork.create();
        cell.mark(HarnessEvents.KERNEL_NETWORK, "namespaces", String.join(" ", network.clientNamespace(),
                network.routerNamespace(), network.serverNamespace()), "server_address", network.serverAddress());
        return new CellNetwork() {
            @Override
            public String serverHost() {
                return network.serverAddress();
            }

            @Override
            public List<String> placeServer(List<String> command) {
                return KernelCommands.inNamespace(network.serverNamespace(), command);
            }

            @Override
            public List<String> placeClient(List<String> command) {
                return KernelCommands.inNamespace(network.clientNamespace(), command);
            }

            @Override
            public FaultPath path(int serverPort) {
                return new KernelPath(network, serverPort);
            }

            @Override
            public void close() {
                network.close();
            }
        };
    }
}
