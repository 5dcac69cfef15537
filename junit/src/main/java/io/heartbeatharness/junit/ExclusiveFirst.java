package io.heartbeatharness.junit;

import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.run.MatrixRun;
import io.heartbeatharness.time.TimeScale;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * In a JUnit matrix, ordinary cells wait until every exclusive cell (storm, fleet) is over, as {@code check} does:
 * otherwise an ordinary cell whose thread reached the admission gate first gets in ahead of a queued exclusive
 * cell, and a long one then holds that cell, and everything behind it, back for its whole length.
 *
 * <p>JUnit, not the harness, decides which thread runs which invocation, so the wait is bounded: if the exclusive
 * cells were not started (every worker waiting here, or a filter that left them out), ordinary cells go ahead after
 * twice the exclusive cells' expected time plus a minute, which is how the matrix ran before this wait.
 */
final class ExclusiveFirst {
    private final CountDownLatch exclusiveOver;
    private final Duration bound;

    private ExclusiveFirst(int exclusiveCells, Duration bound) {
        this.exclusiveOver = new CountDownLatch(exclusiveCells);
        this.bound = bound;
    }

    static ExclusiveFirst of(List<MatrixRun.Planned> cells, TimeScale scale) {
        List<MatrixRun.Planned> exclusive = cells.stream().filter(c -> c.scenario().exclusive()).toList();
        Duration expected = exclusive.stream()
                .map(c -> c.scenario().expectedDuration(c.target().params().scaled(scale), scale, Tolerance.DEFAULT))
                .reduce(Duration.ZERO, Duration::plus);
        return new ExclusiveFirst(exclusive.size(), expected.multipliedBy(2).plusMinutes(1));
    }

    /** Holds an ordinary cell until the exclusive ones are over (or the bound has passed); exclusive cells go on. */
    void awaitTurn(MatrixRun.Planned cell) {
        if (cell.scenario().exclusive()) {
            return;
        }
        try {
            exclusiveOver.await(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void finished(MatrixRun.Planned cell) {
        if (cell.scenario().exclusive()) {
            exclusiveOver.countDown();
        }
    }
}
