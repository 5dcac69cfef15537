package io.heartbeatharness.junit;

import io.heartbeatharness.reference.ReferenceMain;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.spec.TargetBuilder;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a team writes to run the catalogue against its own server from its test suite: a {@link HeartbeatTarget}
 * field built in Java, whose main class runs in a JVM of its own on the test's class path (here the ws-json
 * reference server stands in for the team's code, started by its main class like any program), and a
 * {@link ScenarioMatrix} that names no target and so runs against it. Its cells are judged like any spec's.
 */
class JavaTargetIT {
    @HeartbeatTarget
    static final Target ORDERS = TargetBuilder.server("orders-ws").protocol("ws-json").path("/ws")
            .interval(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(5))
            .mainClass(ReferenceMain.class, "--design", "ws-json", "--role", "server", "--port", "${port}",
                    "--path", "${path}", "--interval-ms", "${interval_ms}", "--timeout-ms", "${timeout_ms}")
            .build();

    @ScenarioMatrix(scenarios = {"half-open/both", "frozen-client"})
    @Execution(ExecutionMode.CONCURRENT)
    void theTeamsServerDetectsWithinItsBudget(CellResult cell) {
        assertThat(cell.target()).isEqualTo("orders-ws");
        HeartbeatAssertions.assertVerdict(cell, Verdict.PASS);
    }
}
