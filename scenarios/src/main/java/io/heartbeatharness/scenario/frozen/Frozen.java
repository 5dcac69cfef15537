package io.heartbeatharness.scenario.frozen;

import io.heartbeatharness.budget.Budgets;
import io.heartbeatharness.process.StartedProgram;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.cell.CellContext;
import io.heartbeatharness.judge.Evidence;
import io.heartbeatharness.verdict.HarnessException;
import io.heartbeatharness.judge.Judgement;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.time.TimeScale;
import io.heartbeatharness.process.ManagedProcess;
import io.heartbeatharness.budget.PlannedBudgets;
import io.heartbeatharness.scenario.Requirement;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.fault.Wiring;
import io.heartbeatharness.fault.ActiveFault;
import io.heartbeatharness.fault.Fault;
import io.heartbeatharness.judge.Checks;
import io.heartbeatharness.judge.Observation;
import io.heartbeatharness.judge.TapQueries;
import io.heartbeatharness.scenario.ScenarioCase;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.verdict.Verdict;

/**
 * {@code frozen-client} and {@code frozen-server}: the peer process is stopped with a real {@code SIGSTOP}. Its
 * kernel keeps ACKing, so only an application heartbeat notices (seed 000's exercise: 30 s + 5 s = 35 s, close 4000).
 * The target is the side that stays awake; after {@code SIGCONT} the pair must reconnect within the backoff.
 */
public final class Frozen implements Scenario {
    private static final ScenarioCase CLIENT = new ScenarioCase("frozen-client",
            "Real SIGSTOP of the client process; its kernel keeps ACKing; SIGCONT after detection.",
            "The server closes within I + T + P with its declared close code; after SIGCONT the client notices and "
                    + "reconnects within its backoff.", Requirement.MUST);
    private static final ScenarioCase SERVER = new ScenarioCase("frozen-server",
            "Real SIGSTOP of the server process; its kernel keeps ACKing; SIGCONT after detection.",
            "The client detects within I + T and reconnects within its backoff after the server resumes.",
            Requirement.MUST);

    private final ScenarioCase scenarioCase;
    private final Side frozen;

    private Frozen(ScenarioCase scenarioCase, Side frozen) {
        this.scenarioCase = scenarioCase;
        this.frozen = frozen;
    }

    public static Frozen client() {
        return new Frozen(CLIENT, Side.CLIENT);
    }

    public static Frozen server() {
        return new Frozen(SERVER, Side.SERVER);
    }

    @Override
    public ScenarioCase scenarioCase() {
        return scenarioCase;
    }

    /** The awake side is the target; the frozen one is the harness's peer process. */
    @Override
    public boolean appliesTo(Target target) {
        return target.role() != frozen && target.protocol().hasAppHeartbeat();
    }

    /** The awake target detects; after SIGCONT the pair reconnects, whichever side the target is. */
    @Override
    public PlannedBudgets budgets(Side role, HeartbeatParams scaled, TimeScale scale, Tolerance tolerance) {
        return PlannedBudgets.of(PlannedBudgets.DETECTION, Budgets.detection(scaled, tolerance))
                .and(PlannedBudgets.RECONNECT_AFTER_HEAL, Budgets.reconnectAfterHeal(scaled, tolerance));
    }

    @Override
    public void drive(CellContext cell) {
        Wiring wiring = cell.wire(1);
        cell.awaitHeartbeatExchange();
        StartedProgram victim = wiring.peer();

        ActiveFault freeze = cell.inject(new Fault.Freeze(victim));
        long faultStart = freeze.startedAt();
        String conn = TapQueries.connectionOpenAt(cell.timeline().events(), faultStart)
                .orElseThrow(() -> new HarnessException("no open connection at fault start"));
        Side detector = cell.target().role();
        cell.waitFor("target closes the connection to the frozen peer",
                Observation.window(cell.budget(PlannedBudgets.DETECTION)),
                events -> TapQueries.closeBy(events, conn, detector, faultStart).isPresent());

        long resumed = freeze.heal();
        cell.waitFor("reconnect after SIGCONT", Observation.window(cell.budget(PlannedBudgets.RECONNECT_AFTER_HEAL)),
                events -> TapQueries.reconnectedAt(events, conn, resumed).isPresent());
    }

    @Override
    public Judgement judge(Evidence evidence) {
        Checks.FaultOnConnection fault = Checks.faultOnConnection(evidence);
        if (fault.error() != null) {
            return fault.error();
        }
        boolean server = evidence.target().role() == Side.SERVER;
        Checks.Outcome detection = Checks.closesWithin(evidence, fault.conn(), evidence.target().role(),
                fault.faultStart(), evidence.budget(PlannedBudgets.DETECTION),
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
                    evidence.budget(PlannedBudgets.RECONNECT_AFTER_HEAL), "SIGCONT");
        }
        return Checks.judgement(detection, reconnect, fault.faultStart());
    }
}
