package io.heartbeatharness.spec;

import io.heartbeatharness.scenario.catalogue.Catalogue;
import io.heartbeatharness.run.MatrixRun;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.target.TargetLaunch;
import io.heartbeatharness.target.Readiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetBuilderTests {
    private static final Path NODE_WS_SERVER = Path.of("..", "examples", "node-ws", "node-ws-server.yaml");

    /** node-ws-server.yaml, written in Java. */
    private static Target nodeWsServerInJava() {
        return TargetBuilder.server("node-ws server").protocol("ws-control").path("/")
                .interval(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(30))
                .command("node", "server.js").workdir(NODE_WS_SERVER.getParent())
                .env("PORT", "${port}").env("HOST", "${host}").env("HEARTBEAT_INTERVAL_MS", "${interval_ms}")
                .env("WS_PATH", "${path}")
                .readyOnPort(Duration.ofSeconds(20))
                .build();
    }

    @Test
    void aSpecFileAndItsJavaTwinAreTheSameTargetAndGiveTheSameCells() {
        Target file = TargetSpecs.load(NODE_WS_SERVER);
        Target java = nodeWsServerInJava();
        assertThat(java).isEqualTo(file);
        assertThat(MatrixRun.plan(Catalogue.all(), List.of(java))).extracting(MatrixRun.Planned::displayName)
                .isNotEmpty()
                .isEqualTo(MatrixRun.plan(Catalogue.all(), List.of(file)).stream().map(MatrixRun.Planned::displayName).toList());
    }

    @Test
    void aContainerSpecAndItsJavaTwinAreTheSameTargetCheckedAgainstTheSameScenarios(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("orders-in-docker.yaml");
        Files.writeString(spec, """
                name: orders in docker
                role: server
                protocol: ws-json
                path: /ws
                interval: 30s
                timeout: 5s
                image: registry.example/orders:1.4.2
                env:
                  PORT: ${port}
                  PING_MS: ${interval_ms}
                scenarios: [half-open, frozen-client]
                """);
        Target java = TargetBuilder.server("orders in docker").protocol("ws-json").path("/ws")
                .interval(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(5))
                .image("registry.example/orders:1.4.2").env("PORT", "${port}").env("PING_MS", "${interval_ms}")
                .scenarios("half-open", "frozen-client")
                .build();
        Target file = TargetSpecs.load(spec);

        assertThat(java).isEqualTo(file);
        assertThat(file.launch()).isEqualTo(new TargetLaunch.Image("registry.example/orders:1.4.2", List.of(),
                Map.of("PORT", "${port}", "PING_MS", "${interval_ms}"), new Readiness.Port(Duration.ofSeconds(20))));
        assertThat(MatrixRun.plan(Catalogue.all(), List.of(file))).extracting(MatrixRun.Planned::displayName)
                .containsExactly("half-open/both [orders in docker]", "half-open/upstream [orders in docker]",
                        "half-open/downstream [orders in docker]", "frozen-client [orders in docker]");
        assertThat(MatrixRun.plan(Catalogue.select(List.of("frozen-client", "latency")), List.of(file)))
                .as("--scenario narrows further").extracting(MatrixRun.Planned::displayName)
                .containsExactly("frozen-client [orders in docker]");
    }

    @Test
    void aMainClassRunsInAJvmOfItsOwnWithThisClassPath() throws Exception {
        Target target = TargetBuilder.server("orders-ws").protocol("ws-json").path("/ws")
                .interval(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(5))
                .mainClass(TargetBuilderTests.class, "--port", "${port}").build();
        TargetLaunch.Command launch = (TargetLaunch.Command) target.launch();
        assertThat(launch.command()).startsWith(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), TargetBuilderTests.class.getName()).endsWith("--port", "${port}");
        assertThat(Files.isSameFile(launch.workdir(), Path.of(""))).isTrue();
        assertThat(target.takesInterval()).isFalse();
    }

    @Test
    void aBadFieldIsNamedWithTheTarget() {
        assertThatThrownBy(() -> TargetBuilder.server("orders-ws").protocol("ws-json").path("/ws")
                .timeout(Duration.ofSeconds(5)).command("true").build())
                .isInstanceOf(SpecException.class)
                .hasMessage("orders-ws (Java target): interval: missing");
    }
}
