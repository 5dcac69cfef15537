package io.heartbeatharness.scenario.latency;

import io.heartbeatharness.budget.Budget;
import io.heartbeatharness.budget.Budgets;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
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
import io.heartbeatharness.judge.StalledStamps;
import io.heartbeatharness.judge.TapQueries;
import io.heartbeatharness.scenario.ScenarioCase;
import io.heartbeatharness.time.TimeScale;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TimelineEvent;
import io.heartbeatharness.verdict.Verdict;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code latency/below-timeout}: a slow but live link — latency with jitter whose round trip stays below 80 % of T
 * — must never be taken for a dead one. Heartbeats whose answers arrive late but in time are answers.
 */
public final class LatencyBelowTimeout implements Scenario {
    /** How long the link stays slow, in heartbeat intervals (product brief: at least 10). */
    public static final int INTERVALS = 10;

    /** The name of the budget the link stays slow for: {@value #INTERVALS} × I. */
    static final String HOLD = "hold";
    /** The name of the budget of delay the link adds to each round trip. */
    static final String ROUND_TRIP = "round-trip";
    private static final ScenarioCase CASE = new ScenarioCase("latency/below-timeout",
            "Latency with jitter on both directions, the round trip up to 80 % of T (less the tolerance), for "
                    + INTERVALS + " heartbeat intervals.",
            "No false disconnect: the connection stays open and in use for all " + INTERVALS + " intervals.",
            Requirement.MUST);

    @Override
    public ScenarioCase scenarioCase() {
        return CASE;
    }

    @Override
    public boolean appliesTo(Target target) {
        return target.protocol().hasAppHeartbeat();
    }

    /** The link stays slow for {@link #HOLD}, adding up to {@link #ROUND_TRIP} to each round trip. */
    @Override
    public PlannedBudgets budgets(Side role, HeartbeatParams scaled, TimeScale scale, Tolerance tolerance) {
        return PlannedBudgets.of(HOLD, new Budget(hold(scaled), String.format("%d x I = %d x %d ms", INTERVALS,
                        INTERVALS, scaled.interval().toMillis())))
                .and(ROUND_TRIP, new Budget(Budgets.tolerableRoundTrip(scaled, tolerance), String.format(
                        "min(80 %% of T, T - tol) = min(%d, %d - %d) ms", scaled.timeout().multipliedBy(4).dividedBy(5)
                                .toMillis(), scaled.timeout().toMillis(), tolerance.millis())));
    }

    /** A heartbeat exchange to start from, then the whole hold. */
    @Override
    public Duration expectedDuration(HeartbeatParams scaled, TimeScale scale, Tolerance tolerance) {
        return Budgets.detection(scaled, tolerance).limit().plus(hold(scaled));
    }

    private static Duration hold(HeartbeatParams scaled) {
        return scaled.interval().multipliedBy(INTERVALS);
    }

    @Override
    public void drive(CellContext cell) {
        // The peer must not be the one that gives up first on the slow link: it waits an interval longer.
        cell.wire(1, p -> p.withTimeout(p.timeout().plus(p.interval())), port -> port);
        cell.awaitHeartbeatExchange();
        // One direction's delay: three quarters fixed, a quarter jitter, so the worst round trip is the whole budget.
        Duration roundTrip = cell.budget(ROUND_TRIP).limit();
        ActiveFault slow = cell.inject(new Fault.Latency(roundTrip.multipliedBy(3).dividedBy(8), roundTrip.dividedBy(8)));
        long start = slow.startedAt();
        String conn = TapQueries.connectionOpenAt(cell.timeline().events(), start)
                .orElseThrow(() -> new HarnessException("no open connection at fault start"));
        cell.holdsFor("no false disconnect under latency", cell.budget(HOLD).limit(),
                events -> closeOf(events, conn, start).isPresent());
        slow.heal();
    }

    /** The first close of {@code conn} by either side after {@code after} (from the tap, or the processes' logs). */
    private static Optional<Closed> closeOf(List<TimelineEvent> events, String conn, long after) {
        return java.util.Arrays.stream(Side.values())
                .flatMap(side -> TapQueries.closeBy(events, conn, side, after).map(e -> new Closed(side, e)).stream())
                .min(java.util.Comparator.comparingLong(c -> c.event().monoNanos()));
    }

    private record Closed(Side side, TimelineEvent event) {
    }

    /**
     * A disconnect right after the harness's proxy stopped long enough that the delay it added exceeded the one
     * declared (round trip + stall &gt; T): the heartbeat that timed out may have waited on the harness, so the
     * disconnect is not evidence against the target.
     */
    private static Optional<Judgement> stalledBeyondDeclared(Evidence evidence, Closed close, Duration roundTrip,
                                                             long closedAfterMs) {
        long timeout = evidence.params().timeout().toNanos();
        long closedAt = close.event().monoNanos();
        return StalledStamps.longestWithin(evidence.events(), closedAt - timeout, closedAt)
                .filter(stall -> stall.millis() + roundTrip.toMillis() > evidence.params().timeout().toMillis())
                .map(stall -> Judgement.error(String.format("cannot judge the close by the %s after %d ms: the "
                        + "harness's proxy did not run for %d ms in the %d ms before it, so up to %d ms were added to "
                        + "a round trip, more than the %d ms declared", close.side().wireName(), closedAfterMs,
                        stall.millis(), evidence.params().timeout().toMillis(), roundTrip.toMillis() + stall.millis(),
                        roundTrip.toMillis())));
    }

    @Override
    public Judgement judge(Evidence evidence) {
        Checks.FaultOnConnection fault = Checks.faultOnConnection(evidence);
        if (fault.error() != null) {
            return fault.error();
        }
        long end = Checks.markOr(evidence, HarnessEvents.FAULT_END, Long.MAX_VALUE);
        Duration hold = evidence.budget(HOLD).limit();
        Budget roundTripBudget = evidence.budget(ROUND_TRIP);
        Duration roundTrip = roundTripBudget.limit();
        String expected = String.format("expected no disconnect for %d ms (%d x I) with up to %d ms added to each round "
                + "trip (%s)", hold.toMillis(), INTERVALS, roundTrip.toMillis(), roundTripBudget.formula());
        Optional<Closed> close = closeOf(evidence.events(), fault.conn(), fault.faultStart())
                .filter(c -> c.event().monoNanos() <= end);
        if (close.isPresent()) {
            long ms = TapQueries.millisBetween(fault.faultStart(), close.get().event().monoNanos());
            Optional<Judgement> stalled = stalledBeyondDeclared(evidence, close.get(), roundTrip, ms);
            if (stalled.isPresent()) {
                return stalled.get();
            }
            return new Judgement(Verdict.FAIL, String.format("%s, observed the connection closed by the %s after %d ms",
                    expected, close.get().side().wireName(), ms), null, ms, null, fault.faultStart());
        }
        if (end == Long.MAX_VALUE) {
            return Judgement.error("the latency was never lifted (no fault-end on the timeline)");
        }
        long heldMs = TapQueries.millisBetween(fault.faultStart(), end);
        if (heldMs < hold.toMillis()) {
            return Judgement.error("the hold ended after " + heldMs + " ms, before the " + hold.toMillis() + " ms planned");
        }
        long exchanges = evidence.events().stream().filter(e -> e.monoNanos() > fault.faultStart() && e.monoNanos() <= end
                && e.source().equals(Sources.PEER) && (e.is(PeerEvents.PONG_SENT) || e.is(PeerEvents.PONG_RECEIVED))).count();
        // An open connection must also be in use: at least one exchange per longest period a correct one may have.
        long minimum = Budgets.minExchanges(evidence.params(), Duration.ofMillis(heldMs));
        if (exchanges < minimum) {
            return new Judgement(Verdict.FAIL, String.format("%s, observed the connection open but only %d heartbeat "
                    + "exchanges in %d ms (at least %d expected: one per I + T = %d ms, less one)", expected, exchanges,
                    heldMs, minimum, evidence.params().interval().plus(evidence.params().timeout()).toMillis()),
                    null, null, null, fault.faultStart());
        }
        return new Judgement(Verdict.PASS, String.format("%s, observed none in %d ms and %d heartbeat exchanges",
                expected, heldMs, exchanges), null, null, null, fault.faultStart());
    }
}
