package io.heartbeatharness.scenario.reset;

import io.heartbeatharness.budget.Budget;
import io.heartbeatharness.budget.Budgets;
import io.heartbeatharness.cell.CellContext;
import io.heartbeatharness.judge.Evidence;
import io.heartbeatharness.verdict.HarnessException;
import io.heartbeatharness.judge.Judgement;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.budget.PlannedBudgets;
import io.heartbeatharness.scenario.Requirement;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.fault.Fault;
import io.heartbeatharness.judge.Checks;
import io.heartbeatharness.judge.Observation;
import io.heartbeatharness.judge.TapQueries;
import io.heartbeatharness.scenario.ScenarioCase;
import io.heartbeatharness.time.TimeScale;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.verdict.Verdict;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * {@code reset/mid-session}: an RST to both ends in the middle of a session, as when a NAT box or load balancer in
 * the path reboots. The loss is loud, so nothing needs a heartbeat to notice it: the client must be back at once,
 * within its backoff; a server target must take the new connection and keep heartbeating on it.
 */
public final class ResetMidSession implements Scenario {

    private static final ScenarioCase CASE = new ScenarioCase("reset/mid-session",
            "Both ends of an established connection get a TCP RST mid-session; the path itself keeps working.",
            "The loss is seen at once; a working new connection (heartbeats exchanged) within backoff max.",
            Requirement.MUST);

    @Override
    public ScenarioCase scenarioCase() {
        return CASE;
    }

    @Override
    public boolean appliesTo(Target target) {
        return target.protocol().hasAppHeartbeat();
    }

    /** The loud loss bounds the way back; the new connection must then carry a heartbeat within a detection. */
    @Override
    public PlannedBudgets budgets(Side role, HeartbeatParams scaled, TimeScale scale, Tolerance tolerance) {
        return PlannedBudgets.of(PlannedBudgets.RECONNECT_AFTER_LOSS, Budgets.reconnectAfterLoss(scaled, tolerance))
                .and(PlannedBudgets.DETECTION, Budgets.detection(scaled, tolerance));
    }

    @Override
    public void drive(CellContext cell) {
        cell.wire(1);
        cell.awaitHeartbeatExchange();
        long reset = cell.inject(new Fault.Reset()).startedAt();
        String conn = TapQueries.connectionOpenAt(cell.timeline().events(), reset)
                .orElseThrow(() -> new HarnessException("no open connection at fault start"));
        if (cell.waitFor("a working new connection after the reset",
                Observation.window(cell.budget(PlannedBudgets.RECONNECT_AFTER_LOSS)),
                events -> TapQueries.reconnectedAt(events, conn, reset).isPresent())) {
            cell.waitFor("a heartbeat exchange on the new connection",
                    Observation.window(cell.budget(PlannedBudgets.DETECTION)),
                    events -> TapQueries.heartbeatExchanged(events, reset));
        }
    }

    @Override
    public Judgement judge(Evidence evidence) {
        Checks.FaultOnConnection fault = Checks.faultOnConnection(evidence);
        if (fault.error() != null) {
            return fault.error();
        }
        boolean server = evidence.target().role() == Side.SERVER;
        // The reset lands when the connection dies: at once on the embedded proxy, with the next bytes on Toxiproxy
        // (its reset_peer waits for data), so the budget runs from when the connection ended.
        OptionalLong resetAt = TapQueries.endedAt(evidence.events(), fault.conn(), fault.faultStart());
        if (resetAt.isEmpty()) {
            return Judgement.error("the reset never reached the connection (no close of it after the fault started)");
        }
        Budget budget = evidence.budget(PlannedBudgets.RECONNECT_AFTER_LOSS);
        Checks.Outcome back = Checks.reconnectsWithin(evidence, fault.conn(), resetAt.getAsLong(), budget,
                server ? "the reset (the peer client reconnecting)" : "the reset");
        if (!back.passed()) {
            return new Judgement(Verdict.FAIL, back.message(), budget, null, back.observedMs(), resetAt.getAsLong());
        }
        // A new connection that carries no heartbeat is not a session: one must complete within I + T + P.
        Budget live = evidence.budget(PlannedBudgets.DETECTION);
        long backAt = resetAt.getAsLong() + back.observedMs() * 1_000_000;
        // The exchange may be what made the new connection count as working (a ping on connecting): look from the reset.
        OptionalLong exchanged = firstExchangeAfter(evidence, resetAt.getAsLong());
        if (exchanged.isEmpty() || !live.admits(Duration.ofNanos(Math.max(0, exchanged.getAsLong() - backAt)))) {
            return new Judgement(Verdict.FAIL, String.format("%s, but expected a heartbeat exchange on it within %d ms (%s), "
                    + "observed %s", back.message(), live.millis(), live.formula(), exchanged.isEmpty() ? "none"
                    : Math.max(0, TapQueries.millisBetween(backAt, exchanged.getAsLong())) + " ms"), budget, null, back.observedMs(),
                    resetAt.getAsLong());
        }
        return new Judgement(Verdict.PASS, back.message() + String.format(", heartbeat exchanged %d ms later",
                Math.max(0, TapQueries.millisBetween(backAt, exchanged.getAsLong()))), budget, null, back.observedMs(),
                resetAt.getAsLong());
    }

    /** When the peer first answered, or heard the answer to, a heartbeat after {@code after}. */
    private static OptionalLong firstExchangeAfter(Evidence evidence, long after) {
        return evidence.events().stream().filter(e -> e.monoNanos() >= after && e.source().equals(Sources.PEER)
                && (e.is(PeerEvents.PONG_SENT) || e.is(PeerEvents.PONG_RECEIVED))).mapToLong(e -> e.monoNanos()).findFirst();
    }
}
