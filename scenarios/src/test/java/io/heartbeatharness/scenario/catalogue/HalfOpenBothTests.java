package io.heartbeatharness.scenario.catalogue;

import io.heartbeatharness.budget.Budgets;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.scenario.Evidence;
import io.heartbeatharness.scenario.Judgement;
import io.heartbeatharness.scenario.ReferenceTargets;
import io.heartbeatharness.scenario.Role;
import io.heartbeatharness.scenario.Target;
import io.heartbeatharness.timeline.TimelineEvent;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The half-open/both check judged on hand-made timelines: no processes, no sockets. */
class HalfOpenBothTests {
    private static final HeartbeatParams PARAMS = ReferenceTargets.params(Design.WS_JSON);
    private static final Target SERVER = Target.reference(Design.WS_JSON, Role.SERVER, PARAMS, Set.of());
    private static final long MS = 1_000_000L;
    private final HalfOpenBoth scenario = new HalfOpenBoth();
    private final List<TimelineEvent> events = new ArrayList<>();

    private void at(long ms, String source, String type, Object... kv) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            data.put(kv[i].toString(), kv[i + 1]);
        }
        events.add(new TimelineEvent(ms * MS, 0, source, type, data));
    }

    private Judgement judge() {
        return scenario.judge(new Evidence(SERVER, PARAMS, Tolerance.DEFAULT, events));
    }

    private long budgetMs() {
        return Budgets.detection(PARAMS, Tolerance.DEFAULT).millis();
    }

    private void connectionThenFaultAt(long faultMs) {
        at(1, "proxy", "accept", "conn", "c1");
        at(2, "proxy", "connect", "conn", "c1");
        at(faultMs, "harness", "fault-start");
    }

    @Test
    void serverClosingWithinBudgetPasses() {
        connectionThenFaultAt(100);
        at(100 + budgetMs() - 1, "proxy", "fin", "conn", "c1", "side", "server");
        Judgement judgement = judge();
        assertThat(judgement.verdict()).isEqualTo(Verdict.PASS);
        assertThat(judgement.detectionMs()).isEqualTo(budgetMs() - 1);
    }

    @Test
    void serverClosingAfterTheBudgetFailsWithExpectedAndObserved() {
        connectionThenFaultAt(100);
        at(100 + budgetMs() + 1, "proxy", "fin", "conn", "c1", "side", "server");
        Judgement judgement = judge();
        assertThat(judgement.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.message()).startsWith("expected the server to close the dead connection within "
                + budgetMs() + " ms").endsWith("observed " + (budgetMs() + 1) + " ms");
    }

    @Test
    void serverThatNeverClosesFails() {
        connectionThenFaultAt(100);
        at(100 + budgetMs() * 2, "harness", "fault-end");
        assertThat(judge().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judge().message()).contains("observed no close");
    }

    @Test
    void aCloseByTheClientSideIsNotTheServersDetection() {
        connectionThenFaultAt(100);
        at(200, "proxy", "fin", "conn", "c1", "side", "client");
        assertThat(judge().verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aWrongCloseCodeFails() {
        connectionThenFaultAt(100);
        at(150, "target", "closed", "code", 1000L, "by", "self");
        at(160, "proxy", "fin", "conn", "c1", "side", "server");
        Judgement judgement = judge();
        assertThat(judgement.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.message()).isEqualTo("expected close code 4000 (heartbeat timeout), observed 1000");
    }

    @Test
    void noFaultOnTheTimelineIsAnErrorNotAVerdictOnTheTarget() {
        at(1, "proxy", "accept", "conn", "c1");
        assertThat(judge().verdict()).isEqualTo(Verdict.ERROR);
    }
}
