package io.heartbeatharness.cli;

import io.heartbeatharness.scenario.catalogue.Catalogue;
import io.heartbeatharness.run.MatrixRun;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.backend.AutoBackendForTests;
import io.heartbeatharness.run.Backends;
import io.heartbeatharness.backend.FaultBackend;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CoverageNoticeTests {
    private static final List<MatrixRun.Planned> CATALOGUE = MatrixRun.plan(Catalogue.all(), ReferenceTargets.all());

    @Test
    void oneLinePerCauseWithTheCellsItCostsAndHowToGetThem() {
        List<String> lines = CoverageNotice.lines(CATALOGUE, Backends.embedded(), Optional.of("nginx is not installed"));
        long proxyIdle = CATALOGUE.stream().filter(c -> c.scenario().id().startsWith("proxy-idle/")).count();
        long blackhole = CATALOGUE.stream().filter(c -> c.scenario().id().equals("tcp-keepalive/blackhole")).count();
        assertThat(lines).containsExactly(
                "will not cover " + proxyIdle + " of " + CATALOGUE.size() + " cells (proxy-idle/nginx-cut, "
                        + "proxy-idle/nginx-keeps-alive): nginx is not installed; install it (Debian: apt-get install "
                        + "nginx-light)",
                "will not cover " + blackhole + " of " + CATALOGUE.size() + " cells (tcp-keepalive/blackhole): no proxy "
                        + "can show an IP-level blackhole to TCP keepalive, whose probes its own kernel answers; run "
                        + "them as root with --backend kernel or auto");
        assertThat(proxyIdle).isPositive();
        assertThat(blackhole).isPositive();
    }

    @Test
    void nothingToSayWhenEveryPlannedCellCanRun() {
        List<MatrixRun.Planned> halfOpen = MatrixRun.plan(Catalogue.select(List.of("half-open")), ReferenceTargets.all());
        assertThat(CoverageNotice.lines(halfOpen, Backends.embedded(), Optional.of("nginx is not installed"))).isEmpty();
    }

    @Test
    void autoSaysWhyTheKernelCannotTakeTheCellsOnlyItCanMake() {
        List<MatrixRun.Planned> blackhole = MatrixRun.plan(Catalogue.select(List.of("tcp-keepalive")), ReferenceTargets.all());
        FaultBackend withoutKernel = AutoBackendForTests.of(Optional.of("not root"));
        assertThat(CoverageNotice.lines(blackhole, withoutKernel, Optional.empty())).singleElement().asString()
                .endsWith("whose probes its own kernel answers; the kernel backend could, but not here: not root");
        FaultBackend withKernel = AutoBackendForTests.of(Optional.empty());
        assertThat(CoverageNotice.lines(blackhole, withKernel, Optional.empty())).isEmpty();
    }
}
