package io.heartbeatharness.scenario.catalogue;

import io.heartbeatharness.budget.Budget;
import io.heartbeatharness.budget.Budgets;
import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.cell.CellContext;
import io.heartbeatharness.judge.Evidence;
import io.heartbeatharness.verdict.HarnessException;
import io.heartbeatharness.judge.Judgement;
import io.heartbeatharness.scenario.Requirement;
import io.heartbeatharness.target.Role;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.fault.ActiveFault;
import io.heartbeatharness.fault.Fault;
import io.heartbeatharness.judge.Checks;
import io.heartbeatharness.judge.Observation;
import io.heartbeatharness.judge.TapQueries;
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
    private final Set<Direction> dropped;

    private HalfOpen(Set<Direction> dropped) {
        this.dropped = EnumSet.copyOf(dropped);
    }

    public static HalfOpen both() {
        return new HalfOpen(EnumSet.allOf(Direction.class));
    }

    public static HalfOpen upstream() {
        return new HalfOpen(EnumSet.of(Direction.UPSTREAM));
    }

    public static HalfOpen downstream() {
        return new HalfOpen(EnumSet.of(Direction.DOWNSTREAM));
    }

    private boolean isBoth() {
        return dropped.size() == 2;
    }

    @Override
    public String id() {
        return isBoth() ? "half-open/both" : "half-open/" + dropped.iterator().next().wireName();
    }

    @Override
    public String description() {
        if (isBoth()) {
            return "All bytes dropped in both directions, no FIN or RST; both sockets stay open.";
        }
        return dropped.contains(Direction.UPSTREAM)
                ? "Client-to-server bytes dropped silently; server-to-client still delivered."
                : "Server-to-client bytes dropped silently; client-to-server still delivered.";
    }

    @Override
    public String expectation() {
        return isBoth()
                ? "A server target closes the dead connection within I + T + P; a client target detects within I + T "
                + "and reconnects once the path heals."
                : "The side that stops hearing its peer detects within its budget (I + T + P); a client target "
                + "reconnects once the path heals.";
    }

    @Override
    public Requirement requirement() {
        return Requirement.MUST;
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
        Direction heard = target.role() == Role.SERVER ? Direction.UPSTREAM : Direction.DOWNSTREAM;
        if (dropped.contains(heard)) {
            return true;
        }
        return target.pings() && (target.model().alive() == HeartbeatModel.Liveness.PONG || !target.counterpartPings());
    }

    @Override
    public void drive(CellContext cell) {
        Budget detection = Budgets.detection(cell.params(), cell.tolerance());
        cell.wire(1);
        cell.awaitHeartbeatExchange();

        ActiveFault blackhole = cell.inject(new Fault.Blackhole(dropped));
        long faultStart = blackhole.startedAt();
        String conn = TapQueries.connectionOpenAt(cell.timeline().events(), faultStart)
                .orElseThrow(() -> new HarnessException("no open connection at fault start"));
        Side detector = cell.target().role() == Role.SERVER ? Side.SERVER : Side.CLIENT;
        boolean serverCloseVisible = detector == Side.CLIENT && !dropped.contains(Direction.DOWNSTREAM);
        cell.waitFor("target closes the dead connection", Observation.window(detection),
                events -> TapQueries.closeBy(events, conn, detector, faultStart).isPresent()
                        || serverCloseVisible && TapQueries.closeBy(events, conn, Side.SERVER, faultStart).isPresent());

        long healed = blackhole.heal();
        if (cell.target().role() == Role.CLIENT) {
            Budget reconnect = Budgets.reconnectAfterHeal(cell.params(), cell.tolerance());
            cell.waitFor("client reconnects after the path heals", Observation.window(reconnect),
                    events -> TapQueries.reconnectedAt(events, conn, healed).isPresent());
        }
    }

    @Override
    public Judgement judge(Evidence evidence) {
        Checks.FaultOnConnection fault = Checks.faultOnConnection(evidence);
        if (fault.error() != null) {
            return fault.error();
        }
        boolean server = evidence.target().role() == Role.SERVER;
        Budget budget = Budgets.detection(evidence.params(), evidence.tolerance());
        Checks.Outcome detection = Checks.closesWithin(evidence, fault.conn(), server ? Side.SERVER : Side.CLIENT,
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
                    Budgets.reconnectAfterHeal(evidence.params(), evidence.tolerance()), "the path healing");
        }
        return Checks.judgement(detection, reconnect, fault.faultStart());
    }
}
