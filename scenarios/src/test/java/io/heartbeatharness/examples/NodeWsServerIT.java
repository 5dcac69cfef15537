package io.heartbeatharness.examples;

import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.nginx.Nginx;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.RunResult;
import io.heartbeatharness.scenario.catalogue.Catalogue;
import io.heartbeatharness.run.MatrixRun;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.spec.TargetSpecs;
import io.heartbeatharness.testing.Prerequisites;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server nobody here wrote — Node.js on the npm package {@code ws}, with the heartbeat from the ws README — graded
 * through its target spec: it PASSes every scenario that applies to a server, and the copy that never calls
 * {@code terminate()} FAILs every one where the server must close a dead connection.
 */
class NodeWsServerIT {
    private static final Path EXAMPLE = Path.of("..", "examples", "node-ws");
    /** Cells mostly wait on timers: all ten at once keeps this class near the length of its longest cell. */
    private static final int JOBS = 10;
    private static final List<String> SERVER_SCENARIOS = List.of("half-open/both", "half-open/upstream",
            "half-open/downstream", "frozen-client", "proxy-idle/nginx-keeps-alive", "latency/below-timeout",
            "reset/mid-session", "fleet/frozen-subset");
    /** Where the server must close the dead connection itself: the scenarios a server that never does must fail. */
    private static final List<String> SERVER_MUST_CLOSE = List.of("half-open/both", "half-open/upstream",
            "half-open/downstream", "frozen-client", "fleet/frozen-subset");

    private static Target good;
    private static Target neverTerminate;
    private static RunResult run;

    @BeforeAll
    static void runTheCatalogueAgainstBothCopies() {
        Prerequisites.assume(missing());
        good = TargetSpecs.load(EXAMPLE.resolve("node-ws-server.yaml"));
        neverTerminate = TargetSpecs.load(EXAMPLE.resolve("node-ws-server-never-terminate.yaml"));
        List<MatrixRun.Planned> cells = new ArrayList<>(MatrixRun.plan(Catalogue.all(), List.of(good, neverTerminate)));
        run = new MatrixRun(RunDefaults.CI_SCALE, Tolerance.DEFAULT).run(cells, 1, JOBS, System.out::println);
    }

    private static Optional<String> missing() {
        if (Prerequisites.findTool("node").isEmpty()) {
            return Optional.of("node is not on PATH: the example server runs on Node.js");
        }
        if (!Files.isDirectory(EXAMPLE.resolve("node_modules").resolve("ws"))) {
            return Optional.of("examples/node-ws/node_modules/ws is missing: run 'npm ci' in examples/node-ws");
        }
        return Optional.empty();
    }

    private static List<CellResult> cellsOf(Target target) {
        return run.cells().stream().filter(c -> c.target().equals(target.name())).toList();
    }

    /** PASS, except that proxy-idle is UNSUPPORTED where nginx is missing (which CI does not allow). */
    private static Verdict passUnlessNginxIsMissing(String scenario) {
        return scenario.startsWith("proxy-idle/") && Nginx.unavailableReason().isPresent() ? Verdict.UNSUPPORTED : Verdict.PASS;
    }

    @Test
    void theWsReadmeHeartbeatPassesEveryScenarioThatAppliesToAServer() {
        List<CellResult> cells = cellsOf(good);
        assertThat(cells).extracting(CellResult::scenario).containsExactlyInAnyOrderElementsOf(SERVER_SCENARIOS);
        for (CellResult cell : cells) {
            assertThat(cell.verdict()).as("%s: %s", cell.scenario(), cell.message())
                    .isEqualTo(passUnlessNginxIsMissing(cell.scenario()));
        }
    }

    @Test
    void theCopyThatNeverTerminatesFailsWhereverTheServerMustCloseADeadConnection() {
        List<CellResult> cells = cellsOf(neverTerminate);
        assertThat(cells).extracting(CellResult::scenario).containsExactlyInAnyOrderElementsOf(SERVER_SCENARIOS);
        for (CellResult cell : cells) {
            Verdict expected = SERVER_MUST_CLOSE.contains(cell.scenario()) ? Verdict.FAIL
                    : passUnlessNginxIsMissing(cell.scenario());
            assertThat(cell.verdict()).as("%s: %s", cell.scenario(), cell.message()).isEqualTo(expected);
        }
    }

    @Test
    void detectionOfTheGoodCopyIsMoreThanOneIntervalAfterTheFault() {
        long intervalMs = good.params().scaled(RunDefaults.CI_SCALE).interval().toMillis();
        // The README pattern terminates on the tick after an unanswered ping: never within the first interval.
        cellsOf(good).stream().filter(c -> c.scenario().startsWith("half-open/")).forEach(cell ->
                assertThat(cell.detectionMs()).as(cell.scenario()).isGreaterThan(intervalMs));
    }

    @Test
    void noNodeProcessOutlivesTheRun() {
        run.cells().stream().flatMap(c -> c.timeline().stream()).filter(e -> e.is("process-start"))
                .map(e -> ((Number) e.data().get("pid")).longValue())
                .forEach(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                        .as("pid %d still alive", pid).isFalse());
    }
}
