package io.heartbeatharness.junit;

import io.heartbeatharness.scenario.catalogue.Catalogue;
import io.heartbeatharness.run.MatrixRun;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.run.RunDefaults;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Ordinary cells of a JUnit matrix wait for the exclusive ones, which never wait. */
class ExclusiveFirstTests {
    private final List<MatrixRun.Planned> cells = MatrixRun.plan(
            Catalogue.select(List.of("server-restart/storm", "half-open/both")),
            ReferenceTargets.select(List.of("ws-json client")));
    private final MatrixRun.Planned storm = cells.stream().filter(c -> c.scenario().exclusive()).findFirst().orElseThrow();
    private final MatrixRun.Planned ordinary = cells.stream().filter(c -> !c.scenario().exclusive()).findFirst()
            .orElseThrow();

    @Test
    void anOrdinaryCellStartsOnlyOnceTheExclusiveCellIsOver() throws Exception {
        ExclusiveFirst gate = ExclusiveFirst.of(cells, RunDefaults.CI_SCALE);
        gate.awaitTurn(storm);
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> gate.awaitTurn(ordinary));

        Thread.sleep(300);
        assertThat(waiting).isNotDone();

        gate.finished(storm);
        await("the ordinary cell's turn").atMost(Duration.ofSeconds(5)).until(waiting::isDone);
    }

    @Test
    void withNoExclusiveCellNothingWaits() throws Exception {
        ExclusiveFirst gate = ExclusiveFirst.of(List.of(ordinary), RunDefaults.CI_SCALE);
        CompletableFuture.runAsync(() -> gate.awaitTurn(ordinary)).get(5, TimeUnit.SECONDS);
    }
}
