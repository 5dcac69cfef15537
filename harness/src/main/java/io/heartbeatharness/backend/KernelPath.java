package io.heartbeatharness.backend;

import io.heartbeatharness.kernel.NatRouterNetwork;
import io.heartbeatharness.timeline.Direction;

import io.heartbeatharness.timeline.HarnessEvents;
import java.net.InetSocketAddress;
import java.time.Duration;

/** The kernel backend's fault path: the client reaches the server through a real NAT router namespace. */
record KernelPath(NatRouterNetwork network, int serverPort) implements FaultPath {
    /** conntrack's timeouts are whole seconds. */
    private static final Duration KERNEL_SECONDS = Duration.ofSeconds(1);

    @Override
    public InetSocketAddress clientAddress() {
        return new InetSocketAddress(network.serverAddress(), serverPort);
    }

    @Override
    public void blackhole(Direction direction, boolean on) {
        network.blackhole(direction, on);
    }

    @Override
    public void natIdle(Duration idle) {
        if (idle.isZero() || idle.toNanos() % KERNEL_SECONDS.toNanos() != 0) {
            throw new UnsupportedFault("conntrack holds its idle timeout in whole seconds, above 0; asked for "
                    + idle.toMillis() + " ms");
        }
        network.natIdleTimeout(idle);
    }

    @Override
    public Duration natIdleGranularity() {
        return KERNEL_SECONDS;
    }

    @Override
    public void resetConnections() {
        throw new UnsupportedFault("the kernel backend makes no resets: a forgotten NAT mapping drops packets "
                + "silently, and injecting an RST into both ends needs conntrack-tools");
    }

    @Override
    public void latency(Duration added) {
        throw new UnsupportedFault("the kernel backend adds no latency: that needs tc netem (sch_netem), which "
                + "this backend does not require");
    }

    @Override
    public String evidence() {
        return HarnessEvents.EVIDENCE_PROCESS_LOGS;
    }
}
