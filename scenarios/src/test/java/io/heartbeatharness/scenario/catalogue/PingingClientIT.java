package io.heartbeatharness.scenario.catalogue;

import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.process.JavaLauncher;
import io.heartbeatharness.protocol.Protocol;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.RunResult;
import io.heartbeatharness.run.MatrixRun;
import io.heartbeatharness.target.Readiness;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.target.TargetLaunch;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that pings its server on its own timer, while the server pings it too — started by command, as any
 * third-party client is. Its real detection runs from its own exchange, so the fault must follow that one: a copy
 * that declares a tighter timeout than it keeps (T / 4 declared, T = I kept) must FAIL every detection cell, which it
 * did only now and then while faults followed the server's exchange.
 */
class PingingClientIT {
    private static final HeartbeatParams DECLARED = ReferenceTargets.params(Design.WS_CONTROL)
            .withTimeout(ReferenceTargets.params(Design.WS_CONTROL).interval());
    private static final HeartbeatModel BOTH_PING = HeartbeatModel.SERVER_PINGS.withPings(HeartbeatModel.Pingers.BOTH);
    private static final List<String> DETECTION_CELLS = List.of("half-open/both", "half-open/upstream",
            "half-open/downstream", "frozen-server");

    private static RunResult run;

    /** The reference ws-control client, pinging every I and giving up T after an unanswered ping; T = I really. */
    private static Target client(String name, HeartbeatParams declared) {
        TargetLaunch launch = new TargetLaunch.Command(JavaLauncher.peerCommand(List.of(
                "--design", "ws-control", "--role", "client", "--pings", "both", "--host", "${host}", "--port", "${port}",
                "--path", "${path}", "--interval-ms", "${interval_ms}", "--timeout-ms", "${interval_ms}",
                "--backoff-initial-ms", "${backoff_initial_ms}", "--backoff-max-ms", "${backoff_max_ms}")),
                Map.of(), Path.of("."), new Readiness.Delay(Duration.ZERO, Duration.ofSeconds(20)));
        return new Target(name, Side.CLIENT, Protocol.WS_CONTROL, declared, launch, "/ws", BOTH_PING);
    }

    private static final Target HONEST = client("pinging ws-control client", DECLARED);
    private static final Target TIGHT = client("pinging ws-control client (tight)",
            DECLARED.withTimeout(DECLARED.interval().dividedBy(4)));

    @BeforeAll
    static void runBothCopies() {
        List<MatrixRun.Planned> cells = MatrixRun.plan(Catalogue.select(DETECTION_CELLS), List.of(HONEST, TIGHT));
        run = new MatrixRun(RunDefaults.CI_SCALE, Tolerance.DEFAULT).run(cells, 1, 8, System.out::println);
    }

    private static List<CellResult> cellsOf(Target target) {
        return run.cells().stream().filter(c -> c.target().equals(target.name())).toList();
    }

    @Test
    void upstreamLossAppliesToAClientThatPings() {
        assertThat(cellsOf(HONEST)).extracting(CellResult::scenario).containsExactlyInAnyOrderElementsOf(DETECTION_CELLS);
    }

    @Test
    void theHonestDeclarationPassesEveryDetectionCell() {
        for (CellResult cell : cellsOf(HONEST)) {
            assertThat(cell.verdict()).as("%s: %s", cell.scenario(), cell.message()).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void theTighterDeclarationFailsEveryDetectionCell() {
        assertThat(cellsOf(TIGHT)).hasSize(DETECTION_CELLS.size());
        for (CellResult cell : cellsOf(TIGHT)) {
            assertThat(cell.verdict()).as("%s: %s", cell.scenario(), cell.message()).isEqualTo(Verdict.FAIL);
        }
    }

    @Test
    void everyFaultFollowedTheClientsOwnExchange() {
        run.cells().forEach(cell -> assertThat(cell.timeline()).as(cell.scenario() + " " + cell.target())
                .anyMatch(e -> e.is("phase") && "the target's own exchange".equals(e.str("after"))));
    }
}
