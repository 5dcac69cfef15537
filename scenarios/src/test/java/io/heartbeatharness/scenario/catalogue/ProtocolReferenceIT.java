package io.heartbeatharness.scenario.catalogue;

import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.reference.KnownBad;
import io.heartbeatharness.report.CellResult;
import io.heartbeatharness.report.RunResult;
import io.heartbeatharness.scenario.Catalogue;
import io.heartbeatharness.scenario.MatrixRun;
import io.heartbeatharness.scenario.Role;
import io.heartbeatharness.scenario.RunDefaults;
import io.heartbeatharness.scenario.Target;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MQTT reference broker and client as targets, each against the other as the harness's peer: Keep Alive K = 30 s
 * (I), the broker's limit 1.5 × K (T = K / 2), at the CI scale. Both pass every detection, latency and reset cell
 * that applies to them; a broker that notices the silence but never closes fails the cells built to catch that.
 */
class MqttReferenceIT {
    private static final List<String> SCENARIOS = List.of("half-open", "frozen-client", "frozen-server", "latency", "reset");
    private static final Target SERVER = Target.reference(Design.MQTT, Role.SERVER, Design.MQTT.declared(), Set.of());
    private static final Target CLIENT = Target.reference(Design.MQTT, Role.CLIENT, Design.MQTT.declared(), Set.of());
    private static final Target NEVER_CLOSE = Target.reference(Design.MQTT, Role.SERVER, Design.MQTT.declared(),
            Set.of(KnownBad.NEVER_CLOSE));
    /** What the never-closing broker must fail: every cell where it alone has to end a dead client's connection. */
    private static final List<String> NEVER_CLOSE_FAILS = List.of("half-open/both", "half-open/upstream", "frozen-client");

    private static RunResult run;

    @BeforeAll
    static void runTheCells() {
        List<MatrixRun.Planned> cells = MatrixRun.plan(Catalogue.select(SCENARIOS), List.of(SERVER, CLIENT, NEVER_CLOSE));
        run = new MatrixRun(RunDefaults.CI_SCALE, Tolerance.DEFAULT).run(cells, 1, 8, System.out::println);
    }

    private static List<CellResult> cellsOf(Target target) {
        return run.cells().stream().filter(c -> c.target().equals(target.name())).toList();
    }

    @Test
    void theCellsThatApplyToEachRoleAreRun() {
        assertThat(cellsOf(SERVER)).extracting(CellResult::scenario).containsExactlyInAnyOrder(
                "half-open/both", "half-open/upstream", "frozen-client", "latency/below-timeout", "reset/mid-session");
        assertThat(cellsOf(CLIENT)).extracting(CellResult::scenario).containsExactlyInAnyOrder(
                "half-open/both", "half-open/upstream", "half-open/downstream", "frozen-server",
                "latency/below-timeout", "reset/mid-session");
    }

    @Test
    void theBrokerPassesEveryCell() {
        for (CellResult cell : cellsOf(SERVER)) {
            assertThat(cell.verdict()).as("%s: %s", cell.scenario(), cell.message()).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void theClientPassesEveryCell() {
        for (CellResult cell : cellsOf(CLIENT)) {
            assertThat(cell.verdict()).as("%s: %s", cell.scenario(), cell.message()).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void aBrokerThatNeverClosesFailsWhereItMustCloseAndPassesTheRest() {
        assertThat(cellsOf(NEVER_CLOSE)).isNotEmpty();
        for (CellResult cell : cellsOf(NEVER_CLOSE)) {
            Verdict expected = NEVER_CLOSE_FAILS.contains(cell.scenario()) ? Verdict.FAIL : Verdict.PASS;
            assertThat(cell.verdict()).as("%s: %s", cell.scenario(), cell.message()).isEqualTo(expected);
        }
    }
}
