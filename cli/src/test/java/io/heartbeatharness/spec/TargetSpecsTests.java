package io.heartbeatharness.spec;

import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.protocol.Protocol;
import io.heartbeatharness.target.Readiness;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.target.TargetLaunch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Good specs parse into the target they describe. */
class TargetSpecsTests {

    private static Path good(String name) throws URISyntaxException {
        return Path.of(TargetSpecsTests.class.getResource("/specs/good/" + name).toURI());
    }

    @Test
    void nodeWsExampleIsAWsControlServerStartedByCommandAndReadyWhenItsPortAccepts() {
        Path spec = Path.of("..", "examples", "node-ws", "node-ws-server.yaml");
        Target target = TargetSpecs.load(spec);

        assertThat(target.name()).isEqualTo("node-ws server");
        assertThat(target.role()).isEqualTo(Side.SERVER);
        assertThat(target.protocol()).isEqualTo(Protocol.WS_CONTROL);
        assertThat(target.path()).isEqualTo("/");
        assertThat(target.params().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(target.params().timeout()).isEqualTo(target.params().interval());
        assertThat(target.params().closeCode()).isNull();
        assertThat(target.harnessStarted()).isTrue();
        TargetLaunch.Command command = (TargetLaunch.Command) target.launch();
        assertThat(command.command()).containsExactly("node", "server.js");
        assertThat(command.env()).containsEntry("PORT", "${port}").containsEntry("HEARTBEAT_INTERVAL_MS", "${interval_ms}");
        assertThat(command.workdir()).isEqualTo(spec.toAbsolutePath().getParent().normalize());
        assertThat(command.readiness()).isEqualTo(new Readiness.Port(Duration.ofSeconds(20)));
    }

    @Test
    void clientSpecKeepsItsBackoffJitterLogLineAndWorkdirRelativeToTheSpec() throws Exception {
        Target target = TargetSpecs.load(good("client-log-line.yaml"));

        assertThat(target.role()).isEqualTo(Side.CLIENT);
        assertThat(target.protocol()).isEqualTo(Protocol.LINE);
        assertThat(target.params().backoffInitial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(target.params().backoffMax()).isEqualTo(Duration.ofSeconds(10));
        assertThat(target.params().jitter()).isTrue();
        TargetLaunch.Command command = (TargetLaunch.Command) target.launch();
        assertThat(command.command()).containsExactly("./client", "--server", "${host}:${port}", "--ping-every-ms", "${interval_ms}");
        assertThat(command.workdir()).isEqualTo(good("client-log-line.yaml").getParent().getParent());
        Readiness.LogLine ready = (Readiness.LogLine) command.readiness();
        assertThat(ready.pattern().matcher("connecting to 127.0.0.1:4000").find()).isTrue();
        assertThat(ready.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aSpecWithoutAModelGetsItsProtocolsAndOneWithAModelKeepsIt() throws Exception {
        Target defaulted = TargetSpecs.load(good("server-delay.yaml"));
        assertThat(defaulted.model().detection()).as("a declared sweep period").isEqualTo(HeartbeatModel.Detection.SWEEP);

        Target declared = TargetSpecs.load(good("client-pings-both.yaml"));
        assertThat(declared.model()).isEqualTo(new HeartbeatModel(HeartbeatModel.Pingers.BOTH, HeartbeatModel.Liveness.ANY,
                HeartbeatModel.Detection.NEXT_TICK));
        assertThat(declared.pings()).isTrue();
        assertThat(declared.counterpartPings()).isTrue();
        assertThat(declared.takesInterval()).as("passes ${interval_ms}").isTrue();
        assertThat(TargetSpecs.load(good("client-log-line.yaml")).model().pings()).isEqualTo(HeartbeatModel.Pingers.CLIENT);
    }

    @Test
    void aServerInAContainerKeepsItsImageCommandEnvironmentReadinessAndScenarios() throws Exception {
        Target target = TargetSpecs.load(good("server-in-container.yaml"));

        assertThat(target.harnessStarted()).as("the harness runs the container, so it may pause and kill it").isTrue();
        assertThat(target.launch()).isEqualTo(new TargetLaunch.Image("registry.example/orders:1.4.2",
                List.of("java", "-jar", "/app/orders.jar", "--port=${port}"), Map.of("PING_INTERVAL_MS", "${interval_ms}"),
                ((TargetLaunch.Image) target.launch()).readiness()));
        Readiness.LogLine ready = (Readiness.LogLine) ((TargetLaunch.Image) target.launch()).readiness();
        assertThat(ready.pattern().pattern()).isEqualTo("Started OrdersApplication");
        assertThat(ready.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(target.takesInterval()).isTrue();
        assertThat(target.scenarios()).containsExactly("half-open", "frozen-client");
    }

    @Test
    void serverAtAnAddressIsReachedOnLoopbackAndNotStartedByTheHarness() throws Exception {
        Target target = TargetSpecs.load(good("server-at-address.yaml"));

        assertThat(target.launch()).isEqualTo(new TargetLaunch.Address("127.0.0.1", 8080));
        assertThat(target.harnessStarted()).isFalse();
        assertThat(target.params().closeCode()).isEqualTo(4000);
        assertThat(target.params().closeReason()).isEqualTo("heartbeat timeout");
    }

    @Test
    void sweepingServerWaitsAFixedDelayAndDeclaresItsSweepPeriod() throws Exception {
        Target target = TargetSpecs.load(good("server-delay.yaml"));

        assertThat(target.params().sweepPeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(((TargetLaunch.Command) target.launch()).readiness())
                .isEqualTo(new Readiness.Delay(Duration.ofMillis(1500), Duration.ofSeconds(20)));
    }

    @Test
    void selectMixesSpecFilesAndReferenceNamesInOrder() throws Exception {
        List<Target> targets = TargetSpecs.select(List.of(good("server-delay.yaml").toString(), "ws-json server"));

        assertThat(targets).extracting(Target::name).containsExactly("sweeping line server", "ws-json server");
    }

    @Test
    void aSpecNamedTwiceRunsOnceButTwoSpecsWithOneNameAreAnInputError(@TempDir Path dir) throws Exception {
        String spec = good("client-log-line.yaml").toString();
        Path copy = Files.copy(good("server-delay.yaml"), dir.resolve("copy.yaml"));
        Files.writeString(copy, Files.readString(copy).replace("sweeping line server", "line client (log line)"));

        assertThat(TargetSpecs.select(List.of(spec, spec))).hasSize(1);
        assertThatThrownBy(() -> TargetSpecs.select(List.of(spec, copy.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--target: two targets are named 'line client (log line)'; give each spec a name of its own");
    }

    @Test
    void aSpecOnTheClassPathIsTheSameTargetAsItsFile() throws Exception {
        List<Target> byClassPath = TargetSpecs.select(List.of("classpath:specs/good/server-delay.yaml"));
        assertThat(byClassPath).containsExactly(TargetSpecs.load(good("server-delay.yaml")));
    }

    @Test
    void aSpecMissingFromTheClassPathIsNamed() {
        assertThatThrownBy(() -> TargetSpecs.select(List.of("classpath:specs/good/no-such.yaml")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("specs/good/no-such.yaml")
                .hasMessageContaining("not found on the class path (classpath:specs/good/no-such.yaml)");
    }
}
