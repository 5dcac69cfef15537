package io.heartbeatharness.scenario.fleet;

import io.heartbeatharness.scenario.fleet.FleetFrozenSubset;
import io.heartbeatharness.judge.HandTimeline;
import io.heartbeatharness.budget.Budgets;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.judge.Evidence;
import io.heartbeatharness.judge.Judgement;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fleet/frozen-subset check judged on hand-made timelines of a small fleet: no processes, no sockets. */
class FleetVerdictTests {
    private static final HeartbeatParams PARAMS = ReferenceTargets.params(Design.WS_JSON);
    private static final Target SERVER = Target.reference(Design.WS_JSON, Side.SERVER, PARAMS, Set.of());
    private static final long MS = 1_000_000L;
    private static final long FAULT_MS = 1_000;
    /** Two connections per process: peer-1's (frozen) are c1 and c2. */
    private static final int CONNECTIONS = 2 * FleetFrozenSubset.PROCESSES;
    private final HandTimeline timeline = new HandTimeline();

    private void fleetThenSigstop() {
        for (int i = 1; i <= CONNECTIONS; i++) {
            int port = 40_000 + i;
            timeline.at(i, "proxy", "accept", "conn", "c" + i, "client_port", port);
            timeline.at(i, FleetFrozenSubset.PROCESS_PREFIX + ((i + 1) / 2), "connected", "slot", i, "local_port", port);
        }
        timeline.at(FAULT_MS, Sources.HARNESS, HarnessEvents.FAULT_START, "process", "peer-1");
    }

    private void serverClosesFrozenAfter(long ms) {
        timeline.at(FAULT_MS + ms, "proxy", "fin", "conn", "c1", "side", "server");
        timeline.at(FAULT_MS + ms, "proxy", "fin", "conn", "c2", "side", "server");
    }

    private Judgement judge() {
        Scenario scenario = new FleetFrozenSubset(CONNECTIONS);
        return scenario.judge(timeline.evidence(scenario, SERVER, PARAMS, Tolerance.DEFAULT));
    }

    private long budgetMs() {
        return Budgets.detection(PARAMS, Tolerance.DEFAULT).millis();
    }

    @Test
    void everyFrozenConnectionClosedInTimeAndNoLiveOnePasses() {
        fleetThenSigstop();
        serverClosesFrozenAfter(budgetMs() - 1);
        timeline.at(FAULT_MS + budgetMs(), Sources.HARNESS, HarnessEvents.FAULT_END);
        timeline.at(FAULT_MS + budgetMs() + 5, "proxy", "fin", "conn", "c3", "side", "client");

        Judgement judgement = judge();

        assertThat(judgement.verdict()).as(judgement.message()).isEqualTo(Verdict.PASS);
        assertThat(judgement.detectionOffsetsMs()).containsExactly(budgetMs() - 1, budgetMs() - 1);
        assertThat(judgement.detectionMs()).isEqualTo(budgetMs() - 1);
        assertThat(judgement.message()).contains("observed 2 of 2 closed in time", "0 of 18 live ones closed");
    }

    @Test
    void oneFrozenConnectionClosedLateFails() {
        fleetThenSigstop();
        timeline.at(FAULT_MS + 10, "proxy", "fin", "conn", "c1", "side", "server");
        timeline.at(FAULT_MS + budgetMs() + 1, "proxy", "rst", "conn", "c2", "side", "server");

        Judgement judgement = judge();

        assertThat(judgement.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.message()).contains("observed 1 of 2 closed in time", "1 late");
    }

    @Test
    void aServerThatNeverClosesFails() {
        fleetThenSigstop();
        Judgement judgement = judge();
        assertThat(judgement.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.message()).contains("2 never closed by the server");
        assertThat(judgement.detectionOffsetsMs()).isEmpty();
    }

    @Test
    void closingOneLiveConnectionFailsEvenWhenEveryFrozenOneWasClosed() {
        fleetThenSigstop();
        serverClosesFrozenAfter(100);
        timeline.at(FAULT_MS + 200, "proxy", "fin", "conn", "c7", "side", "server");

        Judgement judgement = judge();

        assertThat(judgement.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.message()).contains("1 of 18 live ones closed (first: c7 by the server side after 200 ms)");
    }

    @Test
    void aCloseFromTheFrozenClientsSideIsNotTheServersDetection() {
        fleetThenSigstop();
        timeline.at(FAULT_MS + 10, "proxy", "fin", "conn", "c1", "side", "client");
        timeline.at(FAULT_MS + 10, "proxy", "fin", "conn", "c2", "side", "server");
        assertThat(judge().verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aConnectionStillInItsHandshakeAtTheSigstopIsNeitherFrozenNorLive() {
        fleetThenSigstop();
        timeline.at(FAULT_MS - 1, "proxy", "accept", "conn", "connecting", "client_port", 50_000);
        serverClosesFrozenAfter(100);
        timeline.at(FAULT_MS + 200, "proxy", "fin", "conn", "connecting", "side", "client");

        Judgement judgement = judge();

        assertThat(judgement.verdict()).as(judgement.message()).isEqualTo(Verdict.PASS);
        assertThat(judgement.message()).contains("0 of 18 live ones closed");
    }

    @Test
    void aTcpClientsClaimBeforeTheProxyGotRoundToTheAcceptCounts() {
        fleetThenSigstop();
        timeline.at(FAULT_MS - 20, "peer-10", "connected", "slot", 99, "local_port", 50_001);
        timeline.at(FAULT_MS - 10, "proxy", "accept", "conn", "late-accept", "client_port", 50_001);
        serverClosesFrozenAfter(100);
        timeline.at(FAULT_MS + 200, "proxy", "fin", "conn", "late-accept", "side", "server");

        Judgement judgement = judge();

        assertThat(judgement.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.message()).contains("1 of 19 live ones closed (first: late-accept");
    }

    @Test
    void aClaimOlderThanTheConnectionIsAnotherConnectionsSoFewerThanNOpenIsAnError() {
        fleetThenSigstop();
        // c20 closed and its port was reused by a connection whose handshake peer-1 never finished.
        timeline.at(FAULT_MS - 10, "proxy", "fin", "conn", "c20", "side", "client");
        timeline.at(FAULT_MS - 5, "proxy", "accept", "conn", "reused", "client_port", 40_020);

        Judgement judgement = judge();

        assertThat(judgement.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(judgement.message()).contains("only 19 of 20 connections were open at the SIGSTOP (1 more still connecting)");
    }

    @Test
    void aFleetSmallerThanOneConnectionPerProcessIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> new FleetFrozenSubset(FleetFrozenSubset.PROCESSES - 1))
                .hasMessageContaining(FleetFrozenSubset.CONNECTIONS_PROPERTY);
    }

    /** Both frozen connections' FINs stamped 60 ms past the budget, as the proxy's loop came back from 180 ms. */
    private void frozenClosesStampedAfterAStall() {
        for (int i = 1; i <= 2; i++) {
            timeline.at(2, "proxy", "connect", "conn", "c" + i, "local_port", 50_000 + i);
        }
        long resumed = FAULT_MS + budgetMs() + 60;
        timeline.at(resumed, "proxy", "stall", "from_ns", (resumed - 180) * MS, "stalled_ms", 180L, "period_ms", 10L);
        serverClosesFrozenAfter(budgetMs() + 60);
        timeline.at(FAULT_MS + budgetMs() + 100, Sources.HARNESS, HarnessEvents.FAULT_END);
    }

    @Test
    void closesStampedLateAfterAStallAreTimedByTheServersOwnLog() {
        fleetThenSigstop();
        frozenClosesStampedAfterAStall();
        timeline.at(FAULT_MS + budgetMs() - 50, "target", "closed", "remote_port", 50_001, "by", "self");
        timeline.at(FAULT_MS + budgetMs() - 49, "target", "closed", "remote_port", 50_002, "by", "self");

        Judgement judgement = judge();

        assertThat(judgement.verdict()).as(judgement.message()).isEqualTo(Verdict.PASS);
        assertThat(judgement.detectionOffsetsMs()).containsExactlyInAnyOrder(budgetMs() - 50, budgetMs() - 49);
        assertThat(judgement.message()).contains("2 of them timed by the server's own log (the harness's proxy did "
                + "not run for up to 180 ms");
    }

    @Test
    void closesStampedLateAfterAStallWithNoLogAreAnErrorNotAFail() {
        fleetThenSigstop();
        frozenClosesStampedAfterAStall();

        Judgement judgement = judge();

        assertThat(judgement.verdict()).as(judgement.message()).isEqualTo(Verdict.ERROR);
        assertThat(judgement.message()).contains("cannot tell whether the 2 late ones were");
    }

    @Test
    void aServerLogOfAnotherPortIsNotTakenForAFrozenConnection() {
        fleetThenSigstop();
        frozenClosesStampedAfterAStall();
        timeline.at(FAULT_MS + budgetMs() - 50, "target", "closed", "remote_port", 50_003, "by", "self");

        Judgement judgement = judge();

        assertThat(judgement.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(judgement.message()).doesNotContain("own log");
    }

    @Test
    void aLateCloseWithAStallAfterTheBudgetsEdgeStaysAFail() {
        fleetThenSigstop();
        long resumed = FAULT_MS + budgetMs() + 400;
        timeline.at(resumed, "proxy", "stall", "from_ns", (resumed - 100) * MS, "stalled_ms", 100L, "period_ms", 10L);
        serverClosesFrozenAfter(budgetMs() + 400);
        timeline.at(FAULT_MS + budgetMs() + 500, Sources.HARNESS, HarnessEvents.FAULT_END);

        assertThat(judge().verdict()).isEqualTo(Verdict.FAIL);
    }

    /** The proxy stood still for {@code ms} from {@code fromMs}, then resumed; returns the instant it resumed. */
    private long proxyStoodStill(long fromMs, long ms) {
        long resumed = fromMs + ms;
        timeline.at(resumed, "proxy", "stall", "from_ns", fromMs * MS, "stalled_ms", ms, "period_ms", 10L);
        return resumed;
    }

    /** T of the declared parameters: a stall this long (less the tolerance) can starve a live connection. */
    private long timeoutMs() {
        return PARAMS.timeout().toMillis();
    }

    private void serverClosesLiveOnesAt(long ms) {
        for (int i = 3; i <= CONNECTIONS; i++) {
            timeline.at(ms, "proxy", "fin", "conn", "c" + i, "side", "server");
        }
    }

    @Test
    void liveConnectionsClosedAsTheProxyStoodStillLongerThanTheTimeoutAreAnErrorNotAFail() {
        fleetThenSigstop();
        serverClosesFrozenAfter(100);
        long resumed = proxyStoodStill(FAULT_MS + 200, timeoutMs() + 500);
        serverClosesLiveOnesAt(resumed + 5);
        timeline.at(FAULT_MS + budgetMs(), Sources.HARNESS, HarnessEvents.FAULT_END);

        Judgement judgement = judge();

        assertThat(judgement.verdict()).as(judgement.message()).isEqualTo(Verdict.ERROR);
        assertThat(judgement.message()).contains("observed 2 of 2 closed in time",
                "18 of 18 live ones closed (18 as the harness's proxy had not run for " + (timeoutMs() + 500)
                        + " ms, starving them)",
                "cannot tell whether the server would have kept the 18 live ones");
    }

    @Test
    void aLiveConnectionClosedOnceTheProxyHadRunAgainStaysAFail() {
        fleetThenSigstop();
        serverClosesFrozenAfter(100);
        long resumed = proxyStoodStill(FAULT_MS + 200, timeoutMs() + 500);
        timeline.at(resumed + Tolerance.DEFAULT.millis() + 1, "proxy", "fin", "conn", "c7", "side", "server");

        Judgement judgement = judge();

        assertThat(judgement.verdict()).as(judgement.message()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.message()).contains("1 of 18 live ones closed (first: c7 by the server side");
    }

    @Test
    void aStallShorterThanTheTimeoutLessTheToleranceStarvesNoLiveConnection() {
        fleetThenSigstop();
        serverClosesFrozenAfter(100);
        long resumed = proxyStoodStill(FAULT_MS + 200, timeoutMs() - Tolerance.DEFAULT.millis() - 1);
        timeline.at(resumed, "proxy", "fin", "conn", "c7", "side", "server");

        assertThat(judge().verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void liveConnectionsAStallStarvedDoNotExcuseAFrozenOneNeverClosed() {
        fleetThenSigstop();
        timeline.at(FAULT_MS + 100, "proxy", "fin", "conn", "c1", "side", "server");
        long resumed = proxyStoodStill(FAULT_MS + 200, timeoutMs() + 500);
        serverClosesLiveOnesAt(resumed);
        timeline.at(FAULT_MS + budgetMs(), Sources.HARNESS, HarnessEvents.FAULT_END);

        Judgement judgement = judge();

        assertThat(judgement.verdict()).as(judgement.message()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.message()).contains("1 never closed by the server", "18 of 18 live ones closed (18 as "
                + "the harness's proxy had not run");
    }

    @Test
    void closesStampedAsTheProxyWorkedOffItsBacklogAfterAStallAreTimedByTheServersOwnLog() {
        fleetThenSigstop();
        for (int i = 1; i <= 2; i++) {
            timeline.at(2, "proxy", "connect", "conn", "c" + i, "local_port", 50_000 + i);
        }
        // A long stall across the budget's edge, and the loop late again the instant it came back, to a backlog:
        // the frozen closes are stamped in the second stall only.
        long resumed = proxyStoodStill(FAULT_MS + budgetMs() - 1_000, 1_500);
        long caughtUp = proxyStoodStill(resumed, 200);
        timeline.at(FAULT_MS + budgetMs() - 500, "target", "closed", "remote_port", 50_001, "by", "self");
        timeline.at(FAULT_MS + budgetMs() - 499, "target", "closed", "remote_port", 50_002, "by", "self");
        serverClosesFrozenAfter(caughtUp - 50 - FAULT_MS);
        timeline.at(caughtUp + 10, Sources.HARNESS, HarnessEvents.FAULT_END);

        Judgement judgement = judge();

        assertThat(judgement.verdict()).as(judgement.message()).isEqualTo(Verdict.PASS);
        assertThat(judgement.detectionOffsetsMs()).containsExactlyInAnyOrder(budgetMs() - 500, budgetMs() - 499);
        assertThat(judgement.message()).contains("2 of them timed by the server's own log (the harness's proxy did "
                + "not run for up to 1700 ms");
    }
}
