package io.heartbeatharness.scenario.tcpkeepalive;

import io.heartbeatharness.budget.Budget;
import io.heartbeatharness.budget.Budgets;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.reference.common.KeepaliveSettings;
import io.heartbeatharness.cell.CellContext;
import io.heartbeatharness.judge.Evidence;
import io.heartbeatharness.judge.Judgement;
import io.heartbeatharness.budget.PlannedBudgets;
import io.heartbeatharness.scenario.Requirement;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.backend.KernelBackend;
import io.heartbeatharness.fault.ActiveFault;
import io.heartbeatharness.fault.Fault;
import io.heartbeatharness.judge.Checks;
import io.heartbeatharness.judge.Observation;
import io.heartbeatharness.judge.LifecycleQueries;
import io.heartbeatharness.judge.TapQueries;
import io.heartbeatharness.scenario.ScenarioCase;
import io.heartbeatharness.time.TimeScale;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TimelineEvent;
import io.heartbeatharness.verdict.Verdict;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;

/**
 * {@code tcp-keepalive/blackhole}: every IP packet between client and server dropped, both ways, with no FIN or
 * RST. A design with no application heartbeat relies on SO_KEEPALIVE: its kernel probes after TCP_KEEPIDLE of
 * silence and gives up after TCP_KEEPCNT unanswered probes TCP_KEEPINTVL apart.
 *
 * <p>Only an IP-level blackhole can test that. Behind a user-space proxy (the embedded proxy, Toxiproxy, nginx)
 * each leg is its own TCP connection and the probes are answered by the proxy's own kernel, so a blackhole on the
 * far leg is never seen: on any backend but the kernel the cell runs the fault for the whole window, confirms that
 * nothing was detected, and is {@code UNSUPPORTED} with that explanation (a detection there would be an ERROR: the
 * path would not be what it claims).
 */
public final class TcpKeepaliveBlackhole implements Scenario {

    @Override
    public boolean judgedFromProcessLogs() {
        return true;
    }
    public static final String ID = "tcp-keepalive/blackhole";
    /** The name of the budget the kernel's keepalive has to report the peer dead. */
    static final String KEEPALIVE = "tcp-keepalive";
    private static final ScenarioCase CASE = new ScenarioCase(ID,
            "IP-level blackhole between client and server, both directions, no FIN or RST (kernel backend: iptables "
                    + "DROP in the router namespace). Behind a user-space proxy the same fault is invisible to TCP "
                    + "keepalive: its probes are answered by the proxy's own kernel.",
            "SO_KEEPALIVE reports the peer dead within idle + intvl × cnt (as the kernel holds them, whole seconds) "
                    + "+ timer slack + tol; a client target reconnects once the path heals.", Requirement.MUST);
    private static final String WATCHED_BEHIND_PROXY = Fault.Blackhole.WATCHED_MS;

    @Override
    public ScenarioCase scenarioCase() {
        return CASE;
    }

    @Override
    public boolean needsKernelFaults() {
        return true;
    }

    /** The tcp-keepalive design only: every other protocol has an application heartbeat of its own. */
    @Override
    public boolean appliesTo(Target target) {
        return !target.protocol().hasAppHeartbeat() && target.harnessStarted();
    }

    /**
     * The kernel's keepalive, with the options the design sets from its declared parameters (I idle, T over three
     * probes), must report the dead peer; a client target then reconnects once the path heals.
     */
    @Override
    public PlannedBudgets budgets(Side role, HeartbeatParams scaled, TimeScale scale, Tolerance tolerance) {
        KeepaliveSettings kernel = KeepaliveSettings.of(scaled, KeepaliveSettings.DEFAULT_COUNT);
        PlannedBudgets plan = PlannedBudgets.of(KEEPALIVE, Budgets.tcpKeepalive(kernel.idleSeconds(),
                kernel.intervalSeconds(), kernel.count(), tolerance));
        return role == Side.CLIENT
                ? plan.and(PlannedBudgets.RECONNECT_AFTER_HEAL, Budgets.reconnectAfterHeal(scaled, tolerance)) : plan;
    }

    @Override
    public void drive(CellContext cell) {
        Budget budget = cell.budget(KEEPALIVE);
        cell.wire(1);
        cell.require("both sides connected", cell.startupTimeout(),
                events -> LifecycleQueries.connected(events, Sources.TARGET, Long.MIN_VALUE).isPresent()
                        && LifecycleQueries.connected(events, Sources.PEER, Long.MIN_VALUE).isPresent());
        boolean ipLevel = KernelBackend.ID.equals(cell.backend().id());
        Fault.Blackhole both = new Fault.Blackhole(EnumSet.allOf(Direction.class));
        // The kernel counts idle from the last packet, which is no later than this instant: the whole budget applies.
        ActiveFault blackhole = cell.inject(ipLevel ? both : both.watchedFor(Observation.window(budget)));
        long faultStart = blackhole.startedAt();
        boolean detected = cell.waitFor("the kernel reports the peer dead", Observation.window(budget),
                events -> LifecycleQueries.targetDetected(events, cell.target().role(), faultStart).isPresent());
        long healed = blackhole.heal();
        if (ipLevel && detected && cell.target().role() == Side.CLIENT) {
            cell.waitFor("client reconnects after the path heals",
                    Observation.window(cell.budget(PlannedBudgets.RECONNECT_AFTER_HEAL)),
                    events -> LifecycleQueries.connected(events, Sources.TARGET, healed).isPresent());
        }
    }

    @Override
    public Judgement judge(Evidence evidence) {
        Budget budget = evidence.budget(KEEPALIVE);
        Optional<TimelineEvent> start = TapQueries.mark(evidence.events(), HarnessEvents.FAULT_START);
        Optional<TimelineEvent> end = TapQueries.mark(evidence.events(), HarnessEvents.FAULT_END);
        if (start.isEmpty() || end.isEmpty()) {
            return Judgement.error("the blackhole never started and ended (no fault-start/fault-end on the timeline)");
        }
        long faultStart = start.get().monoNanos();
        Optional<TimelineEvent> lost = LifecycleQueries.lost(evidence.events(), Sources.TARGET, faultStart);
        Optional<TimelineEvent> detected = LifecycleQueries.targetDetected(evidence.events(), evidence.target().role(),
                faultStart);
        if (end.get().str(WATCHED_BEHIND_PROXY) != null) {
            // Only a loss inside the watched window says anything: after it the cell stops its processes, and a
            // target that sees its peer killed first logs that close too.
            long watchEnd = end.get().monoNanos();
            return behindProxy(lost.filter(e -> e.monoNanos() <= watchEnd), faultStart, budget,
                    Long.parseLong(end.get().str(WATCHED_BEHIND_PROXY)));
        }
        if (detected.isEmpty()) {
            return new Judgement(Verdict.FAIL, String.format("expected the kernel to report the peer dead within %d ms "
                            + "(%s), observed no detection within %d ms", budget.millis(), budget.formula(),
                    Observation.window(budget).toMillis()), budget, null, null, faultStart);
        }
        long ms = TapQueries.millisBetween(faultStart, detected.get().monoNanos());
        Checks.Outcome detection = new Checks.Outcome(budget.admits(Duration.ofMillis(ms)), String.format(
                "expected the kernel to report the peer dead within %d ms (%s), observed %s (%s) after %d ms",
                budget.millis(), budget.formula(), detected.get().type(), reason(lost.get()), ms), ms, budget);
        Checks.Outcome reconnect = null;
        if (evidence.target().role() == Side.CLIENT && detection.passed()) {
            long healed = end.get().monoNanos();
            Budget allowed = evidence.budget(PlannedBudgets.RECONNECT_AFTER_HEAL);
            Optional<TimelineEvent> back = LifecycleQueries.connected(evidence.events(), Sources.TARGET, healed);
            Long backMs = back.map(e -> TapQueries.millisBetween(healed, e.monoNanos())).orElse(null);
            reconnect = new Checks.Outcome(backMs != null && allowed.admits(Duration.ofMillis(backMs)),
                    String.format("expected a reconnect within %d ms of the path healing (%s), observed %s",
                            allowed.millis(), allowed.formula(), backMs == null ? "none" : backMs + " ms"), backMs, allowed);
        }
        return Checks.judgement(detection, reconnect, faultStart);
    }

    private static Judgement behindProxy(Optional<TimelineEvent> lost, long faultStart, Budget budget, long watchedMs) {
        if (lost.isPresent()) {
            return Judgement.error(String.format("TCP keepalive reported a blackhole behind a user-space proxy "
                    + "(%s after %d ms), which its probes cannot cross: the path is not what it claims to be",
                    lost.get().type(), TapQueries.millisBetween(faultStart, lost.get().monoNanos())));
        }
        return new Judgement(Verdict.UNSUPPORTED, String.format("a user-space proxy cannot make a blackhole TCP "
                + "keepalive sees: its probes are answered by the proxy's own kernel, so the dead far leg went unnoticed "
                + "for the %d ms watched (a direct path must detect within %d ms: %s); run with --backend kernel",
                watchedMs, budget.millis(), budget.formula()), budget, null, null, faultStart);
    }

    private static String reason(TimelineEvent lost) {
        String reason = lost.str("reason");
        return reason == null ? "by " + lost.str("by") : reason;
    }
}
