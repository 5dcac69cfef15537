package io.heartbeatharness.scenario.halfopen;

import io.heartbeatharness.budget.Budget;
import io.heartbeatharness.budget.Budgets;
import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.time.TimeScale;
import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.cell.CellContext;
import io.heartbeatharness.judge.Evidence;
import io.heartbeatharness.verdict.HarnessException;
import io.heartbeatharness.judge.Judgement;
import io.heartbeatharness.budget.PlannedBudgets;
import io.heartbeatharness.scenario.Requirement;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.fault.ActiveFault;
import io.heartbeatharness.fault.Fault;
import io.heartbeatharness.judge.Checks;
import io.heartbeatharness.judge.Observation;
import io.heartbeatharness.judge.TapQueries;
import io.heartbeatharness.scenario.ScenarioCase;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.verdict.Verdict;

import java.util.EnumSet;
import java.util.Set;

/**
 * {@code half-open/both}, {@code half-open/upstream}, {@code half-open/downstream}: bytes dropped silently in one
 * or both directions while both sockets stay open — a laptop lid closing, a router failing, one-way loss. The
 * fault starts right after a completed heartbeat exchange, the worst phase, so the whole budget is exercised.
 */
public final class HalfOpen implements Scenario {
    private static final String ONE_WAY_EXPECTATION = "The side that stops hearing its peer detects within its budget "
            + "(I + T + P); a client target reconnects once the path heals.";
    private static final ScenarioCase BOTH = new ScenarioCase("half-open/both",
            "All bytes dropped in both directions, no FIN or RST; both sockets stay open.",
            "A server target closes the dead connection within I + T + P; a client target detects within I + T and "
                    + "reconnects once the path heals.", Requirement.MUST);
    private static final ScenarioCase UPSTREAM = new ScenarioCase("half-open/upstream",
            "Client-to-server bytes dropped silently; server-to-client still delivered.", ONE_WAY_EXPECTATION,
            Requirement.MUST);
    private static final ScenarioCase DOWNSTREAM = new ScenarioCase("half-open/downstream",
            "Server-to-client bytes dropped silently; client-to-server still delivered.", ONE_WAY_EXPECTATION,
            Requirement.MUST);

    private final ScenarioCase scenarioCase;
    private final Set<Direction> dropped;

    private HalfOpen(ScenarioCase scenarioCase, Set<Direction> dropped) {
        this.scenarioCase = scenarioCase;
        this.dropped = EnumSet.copyOf(dropped);
    }

    public static HalfOpen both() {
        return new HalfOpen(BOTH, EnumSet.allOf(Direction.class));
    }

    public static HalfOpen upstream() {
        return new HalfOpen(UPSTREAM, EnumSet.of(Direction.UPSTREAM));
    }

    public static HalfOpen downstream() {
        return new HalfOpen(DOWNSTREAM, EnumSet.of(Direction.DOWNSTREAM));
    }

    @Override
    public ScenarioCase scenarioCase() {
        return scenarioCase;
    }

    /**
     * Applies when the target can notice the loss by itself (its heartbeat model says whether): always when what it
     * hears is lost; when only what it sends is lost, if it pings and nothing its counterpart still sends unprompted
     * counts as life to it. A target that only answers never learns of lost answers but from its peer.
     */
    @Override
    public boolean appliesTo(Target target) {
        if (!target.protocol().hasAppHeartbeat()) {
            return false;
        }
        Direction heard = target.role() == Side.SERVER ? Direction.UPSTREAM : Direction.DOWNSTREAM;
        if (dropped.contains(heard)) {
            return true;
        }
        return target.pings() && (target.model().alive() == HeartbeatModel.Liveness.PONG || !target.counterpartPings());
    }

    /** The side that hears nothing detects; a client target then comes back once the path heals. */
    @Override
    public PlannedBudgets budgets(Side role, HeartbeatParams scaled, TimeScale scale, Tolerance tolerance) {
        PlannedBudgets plan = PlannedBudgets.of(PlannedBudgets.DETECTION, Budgets.detection(scaled, tolerance));
        return role == Side.CLIENT
                ? plan.and(PlannedBudgets.RECONNECT_AFTER_HEAL, Budgets.reconnectAfterHeal(scaled, tolerance)) : plan;
    }

    @Override
    public void drive(CellContext cell) {
        cell.wire(1);
        cell.awaitHeartbeatExchange();

        ActiveFault blackhole = cell.inject(new Fault.Blackhole(dropped));
        long faultStart = blackhole.startedAt();
        String conn = TapQueries.connectionOpenAt(cell.timeline().events(), faultStart)
                .orElseThrow(() -> new HarnessException("no open connection at fault start"));
        Side detector = cell.target().role();
        boolean serverCloseVisible = detector == Side.CLIENT && !dropped.contains(Direction.DOWNSTREAM);
        cell.waitFor("target closes the dead connection", Observation.window(cell.budget(PlannedBudgets.DETECTION)),
                events -> TapQueries.closeBy(events, conn, detector, faultStart).isPresent()
                        || serverCloseVisible && TapQueries.closeBy(events, conn, Side.SERVER, faultStart).isPresent());

        long healed = blackhole.heal();
        if (cell.target().role() == Side.CLIENT) {
            cell.waitFor("client reconnects after the path heals",
                    Observation.window(cell.budget(PlannedBudgets.RECONNECT_AFTER_HEAL)),
                    events -> TapQueries.reconnectedAt(events, conn, healed).isPresent());
        }
    }

    @Override
    public Judgement judge(Evidence evidence) {
        Checks.FaultOnConnection fault = Checks.faultOnConnection(evidence);
        if (fault.error() != null) {
            return fault.error();
        }
        boolean server = evidence.target().role() == Side.SERVER;
        Budget budget = evidence.budget(PlannedBudgets.DETECTION);
        Checks.Outcome detection = Checks.closesWithin(evidence, fault.conn(), evidence.target().role(),
                fault.faultStart(), budget, server ? "the server" : "the client");
        if (!server && !detection.passed() && !dropped.contains(Direction.DOWNSTREAM)) {
            // Server-to-client still flows: a client may learn of the dead link from the server's own close.
            Checks.Outcome told = Checks.closesWithin(evidence, fault.conn(), Side.SERVER, fault.faultStart(), budget,
                    "the client (or the server, whose close reaches it)");
            if (told.passed()) {
                detection = told;
            }
        }
        if (detection.passed()) {
            var wrongCode = Checks.wrongCloseCode(evidence, fault.faultStart());
            if (wrongCode.isPresent()) {
                return new Judgement(Verdict.FAIL, wrongCode.get(), detection.budget(), detection.observedMs(), null,
                        fault.faultStart());
            }
        }
        Checks.Outcome reconnect = null;
        if (!server && detection.passed()) {
            long healed = Checks.markOr(evidence, HarnessEvents.FAULT_END, Long.MAX_VALUE);
            reconnect = Checks.reconnectsWithin(evidence, fault.conn(), healed,
                    evidence.budget(PlannedBudgets.RECONNECT_AFTER_HEAL), "the path healing");
        }
        return Checks.judgement(detection, reconnect, fault.faultStart());
    }
}
