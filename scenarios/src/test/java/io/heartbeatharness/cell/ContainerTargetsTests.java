package io.heartbeatharness.cell;

import io.heartbeatharness.run.CellRunner;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.target.Placeholders;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.target.TargetLaunch;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.process.ProcessReaper;
import io.heartbeatharness.process.RunMarker;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.scenario.halfopen.HalfOpen;
import io.heartbeatharness.spec.TargetBuilder;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A container target's configuration, built from its spec without Docker, and its cells where Docker cannot run it. */
class ContainerTargetsTests {
    private static final HeartbeatParams SCALED = HeartbeatParams.SEED_000.scaled(RunDefaults.CI_SCALE);

    private static TargetBuilder lineServer(String image) {
        return TargetBuilder.server("line server in a container").protocol("line")
                .interval(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(5)).image(image);
    }

    @Test
    void placeholdersAreFilledIntoCommandAndEnvironmentOnTheHostNetwork() {
        Target target = lineServer("python:3.12-alpine")
                .command("python3", "-u", "/srv/server.py", "--port", "${port}")
                .env("HEARTBEAT_INTERVAL_MS", "${interval_ms}").env("HOST", "${host}")
                .build();
        TargetLaunch.Image launch = (TargetLaunch.Image) target.launch();

        ContainerSpec spec = ContainerSpec.of(launch, Placeholders.values("127.0.0.1", 4321, target.path(), SCALED));

        assertThat(spec.image()).isEqualTo("python:3.12-alpine");
        assertThat(spec.command()).containsExactly("python3", "-u", "/srv/server.py", "--port", "4321");
        assertThat(spec.env()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "HEARTBEAT_INTERVAL_MS", Long.toString(SCALED.interval().toMillis()), "HOST", "127.0.0.1"));
        GenericContainer<?> container = spec.container();
        assertThat(container.getNetworkMode()).isEqualTo("host");
        assertThat(container.getExposedPorts()).as("nothing to map on the host network").isEmpty();
        assertThat(container.getEnvMap()).isEqualTo(spec.env());
        assertThat(container.getCommandParts()).containsExactly("python3", "-u", "/srv/server.py", "--port", "4321");
        assertThat(container.getLabels()).containsEntry(ContainerSpec.RUN_LABEL, RunMarker.current().id());
        assertThat(target.takesInterval()).as("passes ${interval_ms}").isTrue();
        assertThat(target.harnessStarted()).isTrue();
    }

    @Test
    void withoutACommandTheImageRunsItsOwn() {
        Target target = lineServer("registry.example/team/orders:1.4.2").env("PORT", "${port}").build();

        GenericContainer<?> container = ContainerSpec.of((TargetLaunch.Image) target.launch(),
                Placeholders.values("127.0.0.1", 4321, target.path(), SCALED)).container();

        assertThat(container.getCommandParts()).isEmpty();
        assertThat(container.getEnvMap()).containsExactly(Map.entry("PORT", "4321"));
    }

    @Test
    void everyCellOfAnImageDockerCannotRunIsUnsupportedNamingTheImageAndStartsNothing() {
        // No engine, or an engine without this image: either way nothing can start it here.
        String image = "heartbeat-harness.invalid/absent:0";
        Target target = lineServer(image).env("PORT", "${port}").build();

        CellResult cell = new CellRunner(RunDefaults.CI_SCALE, Tolerance.DEFAULT).run(HalfOpen.both(), target);

        assertThat(cell.verdict()).isEqualTo(Verdict.UNSUPPORTED);
        assertThat(cell.message()).startsWith("container image " + image + ": ").doesNotContain("\n", "[]");
        assertThat(ContainerTargets.unavailableReason(target)).contains(cell.message());
        assertThat(ProcessReaper.live()).isZero();
    }

    @Test
    void onlyContainerTargetsAskForDocker() {
        Target command = TargetBuilder.server("by command").protocol("line")
                .interval(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(5)).command("true").build();
        assertThat(ContainerTargets.unavailableReason(command)).isEmpty();
        assertThat(ContainerTargets.unavailableReason(ReferenceTargets.select(List.of("line server")).get(0))).isEmpty();
    }
}
