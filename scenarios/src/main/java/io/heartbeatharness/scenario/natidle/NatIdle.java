package io.heartbeatharness.scenario.natidle;

import io.heartbeatharness.budget.Budget;
import io.heartbeatharness.budget.Budgets;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.cell.CellContext;
import io.heartbeatharness.judge.Evidence;
import io.heartbeatharness.judge.Judgement;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.time.TimeScale;
import io.heartbeatharness.budget.PlannedBudgets;
import io.heartbeatharness.scenario.Requirement;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.cell.TargetFault;
import io.heartbeatharness.backend.UnsupportedFault;
import io.heartbeatharness.backend.FaultPath;
import io.heartbeatharness.fault.ActiveFault;
import io.heartbeatharness.fault.Fault;
import io.heartbeatharness.judge.Observation;
import io.heartbeatharness.judge.LifecycleQueries;
import io.heartbeatharness.judge.TapQueries;
import io.heartbeatharness.scenario.ScenarioCase;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TimelineEvent;
import io.heartbeatharness.verdict.Verdict;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code nat-idle/keeps-alive} and {@code nat-idle/expired}: a NAT between client and server forgets a mapping
 * once the connection has been idle longer than N, and drops the later packets of a forgotten connection
 * silently — AWS NAT after 350 s, many home and carrier boxes far sooner. N is derived from the target's own
 * interval: just above it (I + T), the heartbeats must keep the mapping; below it (I / 2), the mapping expires
 * between two beats and the target must notice.
 *
 * <p>Judged from the processes' own logs, so the same check holds on the embedded proxy (its NAT idle fault) and
 * on the kernel backend (a real conntrack timeout).
 */
public final class NatIdle implements Scenario {

    @Override
    public boolean judgedFromProcessLogs() {
        return true;
    }
    /** keeps-alive must hold for three idle timeouts (product brief). */
    public static final int SURVIVE_TIMEOUTS = 3;

    /** The name of the budget N × {@value #SURVIVE_TIMEOUTS} that keeps-alive must hold for. */
    static final String SURVIVE = "survive";
    private static final ScenarioCase KEEPS_ALIVE = new ScenarioCase("nat-idle/keeps-alive",
            "A NAT in the path forgets mappings idle longer than N = I + T, just above the target's interval.",
            "With I < N the connection survives at least 3 × N with no disconnect and no reconnect.", Requirement.MUST);
    private static final ScenarioCase EXPIRED = new ScenarioCase("nat-idle/expired",
            "A NAT in the path forgets mappings idle longer than N = I / 2: the mapping expires silently between two "
                    + "heartbeats and the next beat vanishes.",
            "A server target closes the dead connection, a client target detects it, within I + T + P of the last "
                    + "heartbeat exchange that got through; a client target then reconnects through the NAT (a new "
                    + "mapping) within its backoff.", Requirement.MUST);

    private final ScenarioCase scenarioCase;
    private final boolean beatsInTime;

    private NatIdle(ScenarioCase scenarioCase, boolean beatsInTime) {
        this.scenarioCase = scenarioCase;
        this.beatsInTime = beatsInTime;
    }

    public static NatIdle keepsAlive() {
        return new NatIdle(KEEPS_ALIVE, true);
    }

    public static NatIdle expired() {
        return new NatIdle(EXPIRED, false);
    }

    @Override
    public ScenarioCase scenarioCase() {
        return scenarioCase;
    }

    /** Protocols with an application heartbeat, servers and clients: both must keep, and notice, the mapping. */
    @Override
    public boolean appliesTo(Target target) {
        // Judged from the processes' own logs on every backend: a target that writes none cannot be judged here.
        return target.protocol().hasAppHeartbeat() && target.harnessStarted() && target.writesEventLog();
    }

    /**
     * The NAT's idle timeout for these parameters, in steps the path can hold: I + T rounded up (still above I)
     * for keeps-alive, I / 2 rounded down (still below I) for expired; zero when no step below I exists.
     */
    Duration idleTimeout(HeartbeatParams params, Duration step) {
        Duration wanted = beatsInTime ? params.interval().plus(params.timeout()) : params.interval().dividedBy(2);
        long steps = wanted.toNanos() / step.toNanos();
        if (beatsInTime && wanted.toNanos() % step.toNanos() != 0) {
            steps++;
        }
        return step.multipliedBy(steps);
    }

    /** An exchange, then three idle timeouts held (keeps-alive), or one idle timeout, a detection and a reconnect. */
    @Override
    public Duration expectedDuration(HeartbeatParams scaled, TimeScale scale, Tolerance tolerance) {
        Duration detection = Budgets.detection(scaled, tolerance).limit();
        Duration idle = idleTimeout(scaled, Duration.ofMillis(1));
        return beatsInTime ? detection.plus(idle.multipliedBy(3))
                : detection.plus(idle).plus(detection).plus(Budgets.reconnect(scaled, tolerance).limit());
    }

    /**
     * Detection bounds the wait for a first exchange, and (expired) the target's detection, after which a client
     * reconnects; keeps-alive's {@link #SURVIVE} window depends on the N the path can hold, so drive states it.
     */
    @Override
    public PlannedBudgets budgets(Side role, HeartbeatParams scaled, TimeScale scale, Tolerance tolerance) {
        PlannedBudgets plan = PlannedBudgets.of(PlannedBudgets.DETECTION, Budgets.detection(scaled, tolerance));
        return !beatsInTime && role == Side.CLIENT
                ? plan.and(PlannedBudgets.RECONNECT, Budgets.reconnect(scaled, tolerance)) : plan;
    }

    /** {@value #SURVIVE_TIMEOUTS} × N: how long keeps-alive must hold with the NAT forgetting after {@code idle}. */
    static Budget surviveWindow(Duration idle) {
        return new Budget(idle.multipliedBy(SURVIVE_TIMEOUTS),
                String.format("%d × N = %d × %d ms", SURVIVE_TIMEOUTS, SURVIVE_TIMEOUTS, idle.toMillis()));
    }

    @Override
    public void drive(CellContext cell) {
        HeartbeatParams p = cell.params();
        FaultPath path = cell.wire(1).path();
        Duration idle = idleTimeout(p, path.natIdleGranularity());
        if (idle.isZero()) {
            throw new UnsupportedFault(String.format("no NAT idle timeout below I = %d ms can be set in steps of %d ms "
                    + "on the %s backend; run at a larger --scale", p.interval().toMillis(),
                    path.natIdleGranularity().toMillis(), cell.backend().id()));
        }
        Budget detection = cell.budget(PlannedBudgets.DETECTION);
        Duration exchangeWithin = cell.startupTimeout().plus(detection.limit());
        ActiveFault nat;
        if (beatsInTime) {
            Budget survive = cell.recordBudget(SURVIVE, surviveWindow(idle));
            nat = cell.inject(new Fault.NatIdle(idle));
            long watchStart = awaitExchange(cell, nat.startedAt(), exchangeWithin);
            cell.holdsFor("connection survives " + SURVIVE_TIMEOUTS + " × N", survive.limit(),
                    events -> LifecycleQueries.disruption(events, watchStart).isPresent());
        } else {
            // The mapping must carry a first exchange before N drops below I, or nothing could ever be judged.
            awaitExchange(cell, Long.MIN_VALUE, exchangeWithin);
            nat = cell.inject(new Fault.NatIdle(idle));
            long armed = nat.startedAt();
            // On the kernel a flow takes the new timeout with its next packet: the beat after arming may still pass.
            Duration detectWithin = p.interval().plus(Observation.window(detection));
            cell.waitFor("target detects the dead connection", detectWithin,
                    events -> LifecycleQueries.targetDetected(events, cell.target().role(), armed).isPresent());
            if (cell.target().role() == Side.CLIENT) {
                cell.waitFor("the client reconnects through the NAT",
                        Observation.window(cell.budget(PlannedBudgets.RECONNECT)),
                        events -> LifecycleQueries.lost(events, Sources.TARGET, armed)
                                .flatMap(lost -> LifecycleQueries.connected(events, Sources.TARGET, lost.monoNanos() + 1))
                                .isPresent());
            }
        }
        nat.heal();
    }

    private static long awaitExchange(CellContext cell, long after, Duration within) {
        if (!cell.waitFor("heartbeat exchange through the NAT", within,
                events -> LifecycleQueries.exchangeCompleted(events, after).isPresent())) {
            throw new TargetFault("expected a completed heartbeat exchange within " + within.toMillis()
                    + " ms (start-up + I + T + P + tol), observed none");
        }
        return LifecycleQueries.exchangeCompleted(cell.timeline().events(), after).orElseThrow().monoNanos();
    }

    @Override
    public Judgement judge(Evidence evidence) {
        Optional<TimelineEvent> armed = TapQueries.mark(evidence.events(), HarnessEvents.FAULT_START);
        if (armed.isEmpty()) {
            return Judgement.error("the NAT idle timeout was never set (no fault-start on the timeline)");
        }
        long idleMs = Long.parseLong(armed.get().str("nat_idle_ms"));
        return beatsInTime ? judgeKeepsAlive(evidence, armed.get().monoNanos(), idleMs)
                : judgeExpired(evidence, armed.get().monoNanos(), idleMs);
    }

    private Judgement judgeKeepsAlive(Evidence evidence, long armed, long idleMs) {
        Optional<TimelineEvent> first = LifecycleQueries.exchangeCompleted(evidence.events(), armed);
        if (first.isEmpty()) {
            return Judgement.error("no heartbeat exchange after the NAT idle timeout was set");
        }
        long watchStart = first.get().monoNanos();
        Budget window = evidence.budget(SURVIVE);
        long mustSurviveMs = window.millis();
        long intervalMs = evidence.params().interval().toMillis();
        Optional<TimelineEvent> broken = LifecycleQueries.disruption(evidence.events(), watchStart);
        if (broken.isPresent() && TapQueries.millisBetween(watchStart, broken.get().monoNanos()) < mustSurviveMs) {
            long ms = TapQueries.millisBetween(watchStart, broken.get().monoNanos());
            return new Judgement(Verdict.FAIL, String.format("expected the connection to survive %d ms (%s) with "
                            + "I = %d ms < N = %d ms, observed %s by the %s after %d ms", mustSurviveMs, window.formula(),
                    intervalMs, idleMs, broken.get().type(), broken.get().source(), ms), window, ms, null, watchStart);
        }
        // Still beating at the end: an exchange completed within the last I + T + P of the watch.
        long lateStart = watchStart + Duration.ofMillis(mustSurviveMs)
                .minus(evidence.budget(PlannedBudgets.DETECTION).limit()).toNanos();
        if (LifecycleQueries.exchangeCompleted(evidence.events(), lateStart).isEmpty()) {
            return Judgement.error(String.format("the watch of %d ms ended without a heartbeat exchange in its last "
                    + "I + T + P", mustSurviveMs));
        }
        return new Judgement(Verdict.PASS, String.format("expected the connection to survive %d ms (%s) with I = %d ms "
                + "< N = %d ms, observed no disconnect and heartbeats to the end", mustSurviveMs, window.formula(),
                intervalMs, idleMs), window, null, null, watchStart);
    }

    private Judgement judgeExpired(Evidence evidence, long armed, long idleMs) {
        Budget detection = evidence.budget(PlannedBudgets.DETECTION);
        boolean server = evidence.target().role() == Side.SERVER;
        String act = server ? "the server to close the dead connection" : "the client to detect the dead connection";
        Optional<TimelineEvent> lost = LifecycleQueries.targetDetected(evidence.events(), evidence.target().role(), armed);
        if (lost.isEmpty()) {
            return new Judgement(Verdict.FAIL, String.format("expected %s within %d ms (%s) of the last heartbeat "
                    + "exchange once the NAT (N = %d ms) forgot it, observed none", act, detection.millis(),
                    detection.formula(), idleMs), detection, null, null, armed);
        }
        long detectedAt = lost.get().monoNanos();
        long lastExchange = evidence.events().stream()
                .filter(e -> e.monoNanos() < detectedAt && e.is(PeerEvents.PONG_RECEIVED)
                        && (e.source().equals(Sources.TARGET) || e.source().equals(Sources.PEER)))
                .mapToLong(TimelineEvent::monoNanos).max().orElse(armed);
        long detectedMs = TapQueries.millisBetween(lastExchange, detectedAt);
        String detectionText = String.format("expected %s within %d ms (%s) of the last heartbeat exchange (NAT "
                        + "idle N = %d ms), observed %s after %d ms", act, detection.millis(),
                detection.formula(), idleMs, lost.get().type(), detectedMs);
        if (!detection.admits(Duration.ofMillis(detectedMs))) {
            return new Judgement(Verdict.FAIL, detectionText, detection, detectedMs, null, lastExchange);
        }
        if (server) {
            // A server's peer is the harness's own client: when it comes back is the peer's timing, not the target's.
            return new Judgement(Verdict.PASS, detectionText, detection, detectedMs, null, lastExchange);
        }
        Optional<TimelineEvent> back = LifecycleQueries.connected(evidence.events(), Sources.TARGET, detectedAt + 1);
        Budget reconnect = evidence.budget(PlannedBudgets.RECONNECT);
        if (back.isEmpty()) {
            return new Judgement(Verdict.FAIL, detectionText + String.format("; expected a reconnect through the NAT "
                            + "within %d ms (%s), observed none", reconnect.millis(), reconnect.formula()), reconnect,
                    detectedMs, null, lastExchange);
        }
        long reconnectMs = TapQueries.millisBetween(lastExchange, back.get().monoNanos());
        String text = detectionText + String.format("; expected a reconnect through the NAT within %d ms (%s), "
                + "observed %d ms", reconnect.millis(), reconnect.formula(), reconnectMs);
        boolean inTime = reconnect.admits(Duration.ofMillis(reconnectMs));
        return new Judgement(inTime ? Verdict.PASS : Verdict.FAIL, text, inTime ? detection : reconnect, detectedMs,
                reconnectMs, lastExchange);
    }
}
