package io.heartbeatharness.junit;

import io.heartbeatharness.scenario.catalogue.Catalogue;
import io.heartbeatharness.run.MatrixRun;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.spec.TargetBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A cell of a container target Docker cannot run is skipped with the reason, and holds no other cell back. */
class ContainerTargetConditionTests {
    private static TargetBuilder server(String name) {
        return TargetBuilder.server(name).protocol("ws-json").path("/ws")
                .interval(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(5));
    }

    @Test
    void aContainerTargetDockerCannotRunIsSkippedWithTheReasonAndItsExclusiveCellCountsAsOver() throws Exception {
        Target absent = server("orders in docker").image("heartbeat-harness.invalid/orders:0").env("PORT", "${port}").build();
        List<MatrixRun.Planned> cells = MatrixRun.plan(Catalogue.select(List.of("fleet", "half-open/both")), List.of(absent));
        MatrixRun.Planned fleet = cells.stream().filter(c -> c.scenario().exclusive()).findFirst().orElseThrow();
        MatrixRun.Planned ordinary = cells.stream().filter(c -> !c.scenario().exclusive()).findFirst().orElseThrow();
        ExclusiveFirst gate = ExclusiveFirst.of(cells, RunDefaults.CI_SCALE);

        ConditionEvaluationResult result = new ContainerTargetCondition(fleet, RunDefaults.CI_SCALE,
                new RunReport(RunDefaults.CI_SCALE), gate).evaluateExecutionCondition(null);

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("container image heartbeat-harness.invalid/orders:0: "));
        // Bounded by a minute and more had the skipped exclusive cell not counted as over.
        CompletableFuture.runAsync(() -> gate.awaitTurn(ordinary)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTargetOfAnyOtherKindRuns() {
        Target command = server("orders").command("true").build();
        MatrixRun.Planned cell = MatrixRun.plan(Catalogue.select(List.of("half-open/both")), List.of(command)).get(0);

        assertThat(new ContainerTargetCondition(cell, RunDefaults.CI_SCALE, new RunReport(RunDefaults.CI_SCALE),
                ExclusiveFirst.of(List.of(cell), RunDefaults.CI_SCALE)).evaluateExecutionCondition(null).isDisabled())
                .isFalse();
    }
}
