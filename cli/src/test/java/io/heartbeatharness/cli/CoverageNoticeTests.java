package io.heartbeatharness.cli;

import io.heartbeatharness.scenario.catalogue.Catalogue;
import io.heartbeatharness.run.MatrixRun;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.backend.AutoBackendForTests;
import io.heartbeatharness.run.Backends;
import io.heartbeatharness.backend.FaultBackend;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.spec.TargetBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;

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
    void containerTargetsDockerCannotRunAreSaidOncePerReasonNamingTheirImages() {
        List<Target> targets = List.of(container("orders", "registry.example/orders:1.4.2"),
                container("billing", "registry.example/billing:2.0"), container("audit", "registry.example/audit:3.1"));
        List<MatrixRun.Planned> cells = MatrixRun.plan(Catalogue.select(List.of("half-open/both")), targets);
        String noEngine = "no Docker engine answers: Cannot connect to the Docker daemon";

        List<String> lines = CoverageNotice.lines(cells, Backends.embedded(), Optional.empty(),
                image -> image.contains("audit") ? Optional.of("image " + image + " is not present locally")
                        : Optional.of(noEngine));

        assertThat(lines).containsExactly(
                "will not cover 2 of 3 cells (half-open/both): targets in containers (registry.example/billing:2.0, "
                        + "registry.example/orders:1.4.2): " + noEngine,
                "will not cover 1 of 3 cells (half-open/both): targets in containers (registry.example/audit:3.1): "
                        + "image registry.example/audit:3.1 is not present locally");
        assertThat(CoverageNotice.lines(cells, Backends.embedded(), Optional.empty(), image -> Optional.empty())).isEmpty();
    }

    private static Target container(String name, String image) {
        return TargetBuilder.server(name).protocol("line").interval(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(5))
                .image(image).env("PORT", "${port}").build();
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
