package com.example.heartbeat;

import io.heartbeatharness.junit.HeartbeatAssertions;
import io.heartbeatharness.junit.HeartbeatTarget;
import io.heartbeatharness.junit.ScenarioMatrix;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.spec.TargetBuilder;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.time.Duration;

/**
 * Our server and client under the harness's faults. Each target declares the heartbeat we run in production (ping
 * every 30 s, pong within 5 s; reconnect backoff 1 s to 10 s); the harness runs them scaled (0.1 by default) through
 * the placeholders, and judges detection and reconnect against budgets derived from these declarations.
 */
class HeartbeatIT {
    private static final String SERVER_NAME = "example server";
    private static final String CLIENT_NAME = "example client";

    @HeartbeatTarget
    static final Target SERVER = TargetBuilder.server(SERVER_NAME).protocol("ws-json").path("/ws")
            .interval(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(5))
            .close(Heartbeats.TIMEOUT_CLOSE_CODE, Heartbeats.TIMEOUT_CLOSE_REASON)
            .mainClass(HeartbeatServer.class, "--host", "${host}", "--port", "${port}", "--path", "${path}",
                    "--interval-ms", "${interval_ms}", "--timeout-ms", "${timeout_ms}")
            .build();

    @HeartbeatTarget
    static final Target CLIENT = TargetBuilder.client(CLIENT_NAME).protocol("ws-json").path("/ws")
            .interval(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(5))
            .backoff(Duration.ofSeconds(1), Duration.ofSeconds(10))
            .mainClass(HeartbeatClient.class, "--url", "ws://${host}:${port}${path}",
                    "--interval-ms", "${interval_ms}", "--timeout-ms", "${timeout_ms}",
                    "--backoff-initial-ms", "${backoff_initial_ms}", "--backoff-max-ms", "${backoff_max_ms}")
            .build();

    @ScenarioMatrix(scenarios = {"half-open", "frozen-client", "reset/mid-session"}, targets = SERVER_NAME)
    @Execution(ExecutionMode.CONCURRENT)
    void serverClosesDeadClientsWithinBudget(CellResult cell) {
        HeartbeatAssertions.assertVerdict(cell, Verdict.PASS);
    }

    @ScenarioMatrix(scenarios = {"half-open", "frozen-server", "reset/mid-session"}, targets = CLIENT_NAME)
    @Execution(ExecutionMode.CONCURRENT)
    void clientDetectsDeadServerAndReconnectsWithinBudget(CellResult cell) {
        HeartbeatAssertions.assertVerdict(cell, Verdict.PASS);
    }
}
