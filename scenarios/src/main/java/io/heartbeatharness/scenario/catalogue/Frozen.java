package io.heartbeatharness.scenario.catalogue;

import io.heartbeatharness.budget.Budget;
import io.heartbeatharness.budget.Budgets;
import io.heartbeatharness.process.StartedProgram;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.cell.CellContext;
import io.heartbeatharness.judge.Evidence;
import io.heartbeatharness.verdict.HarnessException;
import io.heartbeatharness.judge.Judgement;
import io.heartbeatharness.scenario.Requirement;
import io.heartbeatharness.target.Role;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.fault.Wiring;
import io.heartbeatharness.fault.ActiveFault;
import io.heartbeatharness.fault.Fault;
import io.heartbeatharness.judge.Checks;
import io.heartbeatharness.judge.Observation;
import io.heartbeatharness.judge.TapQueries;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.verdict.Verdict;

/**
 * {@code frozen-client} and {@code frozen-server}: the peer process is stopped with a real {@code SIGSTOP}. Its
 * kernel keeps ACKing, so only an application heartbeat notices (seed 000's exercise: 30 s + 5 s = 35 s, close 4000).
 * The target is the side that stays awake; after {@code SIGCONT} the pair must reconnect within the backoff.
 */
public final class Frozen implements Scenario {
    private final Role frozen;

    private Frozen(Role frozen) {
        this.frozen = frozen;
    }

    public static Frozen client() {
        return new Frozen(Role.CLIENT);
    }

    public static Frozen server() {
        return new Frozen(Role.SERVER);
    }

    @Override
    public String id() {
        return "frozen-" + frozen.id();
    }

    @Override
    public String description() {
        return "Real SIGSTOP of the " + frozen.id() + " process; its kernel keeps ACKing; SIGCONT after detection.";
    }

    @Override
    public String expectation() {
        return frozen == Role.CLIENT
                ? "The server closes within I + T + P with its declared close code; after SIGCONT the client "
                + "notices and reconnects within its backoff."
                : "The client detects within I + T and reconnects within its backoff after the server resumes.";
    }

    @Override
    public Requirement requirement() {
        return Requirement.MUST;
    }

    /** The awake side is the target; the frozen one is the harness's peer process. */
    @Override
    public boolean appliesTo(Target target) {
        return target.role() != frozen && target.protocol().hasAppHeartbeat();
    }

    @Override
    public void drive(CellContext cell) {
        Budget detection = Budgets.detection(cell.params(), cell.tolerance());
        Wiring wiring = cell.wire(1);
        cell.awaitHeartbeatExchange();
        StartedProgram victim = wiring.peer();

        ActiveFault freeze = cell.inject(new Fault.Freeze(victim));
        long faultStart = freeze.startedAt();
        String conn = TapQueries.connectionOpenAt(cell.timeline().events(), faultStart)
                .orElseThrow(() -> new HarnessException("no open connection at fault start"));
        Side detector = cell.target().role() == Role.SERVER ? Side.SERVER : Side.CLIENT;
        cell.waitFor("target closes the connection to the frozen peer", Observation.window(detection),
                events -> TapQueries.closeBy(events, conn, detector, faultStart).isPresent());

        long resumed = freeze.heal();
        Budget reconnect = Budgets.reconnectAfterHeal(cell.params(), cell.tolerance());
        cell.waitFor("reconnect after SIGCONT", Observation.window(reconnect),
                events -> TapQueries.reconnectedAt(events, conn, resumed).isPresent());
    }

    @Override
    public Judgement judge(Evidence evidence) {
        Checks.FaultOnConnection fault = Checks.faultOnConnection(evidence);
        if (fault.error() != null) {
            return fault.error();
        }
        boolean server = evidence.target().role() == Role.SERVER;
        Checks.Outcome detection = Checks.closesWithin(evidence, fault.conn(), server ? Side.SERVER : Side.CLIENT,
                fault.faultStart(), Budgets.detection(evidence.params(), evidence.tolerance()),
                server ? "the server" : "the client");
        if (detection.passed()) {
            var wrongCode = Checks.wrongCloseCode(evidence, fault.faultStart());
            if (wrongCode.isPresent()) {
                return new Judgement(Verdict.FAIL, wrongCode.get(), detection.budget(), detection.observedMs(), null,
                        fault.faultStart());
            }
        }
        Checks.Outcome reconnect = null;
        if (detection.passed()) {
            long resumed = Checks.markOr(evidence, HarnessEvents.FAULT_END, Long.MAX_VALUE);
            reconnect = Checks.reconnectsWithin(evidence, fault.conn(), resumed,
                    Budgets.reconnectAfterHeal(evidence.params(), evidence.tolerance()), "SIGCONT");
        }
        return Checks.judgement(detection, reconnect, fault.faultStart());
    }
}
