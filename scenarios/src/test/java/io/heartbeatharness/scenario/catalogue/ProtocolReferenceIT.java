package io.heartbeatharness.scenario.catalogue;

import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.protocol.Protocol;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.RunResult;
import io.heartbeatharness.run.MatrixRun;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.target.TargetLaunch;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference designs of the protocols the default run leaves out — Socket.IO (Engine.IO 4) and MQTT 3.1.1 and 5 —
 * as targets, each against the other side as the harness's peer, at the CI scale: every one passes each detection,
 * latency and reset cell that applies to it. (Their known-bad variants are KnownBadIT's.)
 */
class ProtocolReferenceIT {
    private static final List<String> SCENARIOS = List.of("half-open", "frozen-client", "frozen-server", "latency", "reset");
    private static final Target MQTT_SERVER = Target.reference(Design.MQTT, Side.SERVER, Design.MQTT.declared(), Set.of());
    /**
     * An MQTT 5 client that asks for a Keep Alive of 90 s and is answered with the harness's peer broker's 30 s (the
     * interval in force): it must ping every 30 s and be judged by that.
     */
    private static final Target MQTT5_CLIENT = new Target("mqtt5 client (server keep alive)", Side.CLIENT,
            Protocol.MQTT5, Design.MQTT5.declared(), new TargetLaunch.Reference(Design.MQTT5, Set.of()),
            Target.DEFAULT_PATH, Design.MQTT5.model(), Duration.ofSeconds(90));

    private static final List<Target> CORRECT = new ArrayList<>();
    private static RunResult run;

    @BeforeAll
    static void runTheCells() {
        CORRECT.addAll(ReferenceTargets.protocolPeers());
        CORRECT.add(MQTT5_CLIENT);
        List<MatrixRun.Planned> cells = MatrixRun.plan(Catalogue.select(SCENARIOS), CORRECT);
        run = new MatrixRun(RunDefaults.CI_SCALE, Tolerance.DEFAULT).run(cells, 1, 8, System.out::println);
    }

    private static List<CellResult> cellsOf(Target target) {
        return run.cells().stream().filter(c -> c.target().equals(target.name())).toList();
    }

    @Test
    void theCellsThatApplyToEachRoleAreRun() {
        assertThat(cellsOf(MQTT_SERVER)).extracting(CellResult::scenario).containsExactlyInAnyOrder(
                "half-open/both", "half-open/upstream", "frozen-client", "latency/below-timeout", "reset/mid-session");
        assertThat(cellsOf(MQTT5_CLIENT)).extracting(CellResult::scenario).containsExactlyInAnyOrder(
                "half-open/both", "half-open/upstream", "half-open/downstream", "frozen-server",
                "latency/below-timeout", "reset/mid-session");
        for (Target target : CORRECT) {
            assertThat(cellsOf(target)).as(target.name()).extracting(CellResult::scenario)
                    .contains("half-open/both", "latency/below-timeout", "reset/mid-session");
        }
    }

    @Test
    void everyReferenceDesignPassesEveryCell() {
        for (Target target : CORRECT) {
            for (CellResult cell : cellsOf(target)) {
                assertThat(cell.verdict()).as("%s, %s: %s", target.name(), cell.scenario(), cell.message())
                        .isEqualTo(Verdict.PASS);
            }
        }
    }

    @Test
    void theMqtt5ClientPingsAtTheServerKeepAliveNotAtItsOwn() {
        long serverKeepAliveMs = RunDefaults.CI_SCALE.apply(Design.MQTT5.declared().interval()).toMillis();
        CellResult latency = cellsOf(MQTT5_CLIENT).stream()
                .filter(c -> c.scenario().equals("latency/below-timeout")).findFirst().orElseThrow();
        List<Long> pings = latency.timeline().stream()
                .filter(e -> e.is(PeerEvents.PING_SENT) && Sources.TARGET.equals(e.source()))
                .map(e -> e.monoNanos() / 1_000_000).toList();
        assertThat(pings).as("the client's PINGREQs").hasSizeGreaterThan(3);
        for (int i = 1; i < pings.size(); i++) {
            assertThat(pings.get(i) - pings.get(i - 1)).as("gap before ping %d", i)
                    .isLessThan(serverKeepAliveMs + serverKeepAliveMs / 2);
        }
    }
}
