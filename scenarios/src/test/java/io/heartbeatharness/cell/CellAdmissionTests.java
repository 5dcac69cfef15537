package io.heartbeatharness.cell;

import io.heartbeatharness.run.MatrixRun;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.scenario.catalogue.Catalogue;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.budget.Tolerance;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CellAdmissionTests {
    private static final Scenario STORM = Catalogue.select(List.of("server-restart/storm")).get(0);
    private static final Scenario HALF_OPEN = Catalogue.select(List.of("half-open/both")).get(0);

    @Test
    void theMachineHungryScenariosAskToRunAlone() {
        assertThat(Catalogue.all().stream().filter(Scenario::exclusive).map(Scenario::id))
                .containsExactlyInAnyOrder("server-restart/storm", "fleet/frozen-subset");
    }

    @Test
    void anOrdinaryCellWaitsWhileAnExclusiveOneRuns() throws Exception {
        assertWaitsWhileHeld(STORM, HALF_OPEN);
    }

    @Test
    void anExclusiveCellWaitsForTheOrdinaryOnesRunning() throws Exception {
        assertWaitsWhileHeld(HALF_OPEN, STORM);
    }

    /** {@code waiting} is not admitted while {@code held} runs, and is admitted once it is over. */
    private static void assertWaitsWhileHeld(Scenario held, Scenario waiting) throws Exception {
        CountDownLatch admitted = new CountDownLatch(1);
        Thread other;
        try (CellAdmission.Ticket ticket = CellAdmission.enter(held.exclusive())) {
            other = enterIn(waiting, admitted);
            assertThat(admitted.await(300, TimeUnit.MILLISECONDS))
                    .as("%s admitted beside %s", waiting.id(), held.id()).isFalse();
        }
        assertThat(admitted.await(10, TimeUnit.SECONDS)).as("%s admitted once %s is over", waiting.id(), held.id())
                .isTrue();
        other.join();
    }

    @Test
    void ordinaryCellsRunSideBySide() throws Exception {
        CountDownLatch admitted = new CountDownLatch(1);
        try (CellAdmission.Ticket first = CellAdmission.enter(HALF_OPEN.exclusive())) {
            Thread second = enterIn(HALF_OPEN, admitted);
            assertThat(admitted.await(10, TimeUnit.SECONDS)).isTrue();
            second.join();
        }
    }

    @Test
    void oneCellAtATimeStartsItsProcesses() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Thread other;
        try (CellAdmission.Ticket first = CellAdmission.startProcesses()) {
            other = new Thread(() -> {
                try (CellAdmission.Ticket second = CellAdmission.startProcesses()) {
                    started.countDown();
                }
            });
            other.start();
            assertThat(started.await(300, TimeUnit.MILLISECONDS)).as("a second cell starting beside the first").isFalse();
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).as("the second cell starts once the first is done").isTrue();
        other.join();
    }

    @Test
    void exclusiveCellsStartFirstThenTheLongest() {
        List<MatrixRun.Planned> cells = new ArrayList<>(MatrixRun.plan(Catalogue.all(), ReferenceTargets.all()));
        cells.sort(MatrixRun.startOrder(RunDefaults.CI_SCALE, Tolerance.DEFAULT));
        int exclusive = (int) cells.stream().filter(c -> c.scenario().exclusive()).count();
        assertThat(exclusive).isPositive();
        assertThat(cells.subList(0, exclusive)).allMatch(c -> c.scenario().exclusive());
        List<MatrixRun.Planned> rest = cells.subList(exclusive, cells.size());
        for (int i = 1; i < rest.size(); i++) {
            assertThat(expected(rest.get(i - 1))).isGreaterThanOrEqualTo(expected(rest.get(i)));
        }
    }

    private static java.time.Duration expected(MatrixRun.Planned cell) {
        return cell.scenario().expectedDuration(cell.target().params().scaled(RunDefaults.CI_SCALE),
                RunDefaults.CI_SCALE, Tolerance.DEFAULT);
    }

    /** Enters the gate on a thread of its own, counts down once admitted, and leaves at once. */
    private static Thread enterIn(Scenario scenario, CountDownLatch admitted) {
        Thread thread = new Thread(() -> {
            try (CellAdmission.Ticket ticket = CellAdmission.enter(scenario.exclusive())) {
                admitted.countDown();
            }
        }, "cell-admission-test");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
