package io.heartbeatharness.cell;

import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.judge.TapQueries;
import io.heartbeatharness.time.Mono;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.Timeline;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where in the heartbeat cycle a cell's fault starts: after a working connection and a completed heartbeat exchange,
 * then at once ({@link FaultPhase#WORST}) or a random part of an interval later ({@link FaultPhase#RANDOM}).
 */
final class PhasePlacement {
    private final Target target;
    private final HeartbeatParams params;
    private final Tolerance tolerance;
    private final FaultPhase phase;
    private final CellWaits waits;
    private final StartupTurn turn;
    private final Timeline timeline;

    PhasePlacement(Target target, HeartbeatParams params, Tolerance tolerance, FaultPhase phase, CellWaits waits,
                   StartupTurn turn, Timeline timeline) {
        this.target = target;
        this.params = params;
        this.tolerance = tolerance;
        this.phase = phase;
        this.waits = waits;
        this.turn = turn;
        this.timeline = timeline;
    }

    /**
     * Waits until a connection through the proxy works (bytes delivered both ways); a miss is a start-up problem
     * and makes the cell an ERROR.
     */
    void awaitConnection() {
        try {
            waits.require("working connection through the proxy", CellProcesses.STARTUP_TIMEOUT,
                    events -> TapQueries.reconnectedAt(events, null, Long.MIN_VALUE).isPresent());
        } finally {
            turn.release();
        }
    }

    /**
     * Waits until the heartbeat exchange the target's detection runs from has completed through the proxy — its own
     * ping answered when it pings, else its counterpart's ping answered — so that with {@link FaultPhase#WORST} the
     * fault starts right after it and the target needs its whole budget; with {@link FaultPhase#RANDOM} a random
     * part of an interval passes first. A target that connects but exchanges no heartbeat within I + T + P
     * (+ tolerance) fails the cell: that is its own mistake.
     */
    void awaitHeartbeatExchange() {
        awaitConnection();
        Duration allowed = params.interval().plus(params.timeout()).plus(params.sweepPeriod()).plus(tolerance.absolute());
        Direction towardTarget = target.role() == Side.SERVER ? Direction.UPSTREAM : Direction.DOWNSTREAM;
        // The connection has only just started working: an exchange already on the timeline is a fresh one.
        long since = Long.MIN_VALUE;
        boolean own = target.pings();
        if (!own) {
            if (!waits.waitFor("a heartbeat exchanged through the proxy", allowed,
                    events -> TapQueries.peerExchanged(events, Long.MIN_VALUE)
                            || TapQueries.targetExchanged(events, Long.MIN_VALUE, towardTarget))) {
                throw new TargetFault("expected a heartbeat exchange within " + allowed.toMillis()
                        + " ms of connecting (I + T + P + tol), observed none");
            }
            // A target declared (or left by default) as one that only answers may still ping on its own timer; its
            // own pings are then what it is likeliest to time out on, so the fault must follow the next of those.
            own = TapQueries.targetPinged(timeline.events());
            since = Mono.now();
        }
        if (own) {
            long from = since;
            if (!waits.waitFor("the target's own heartbeat answered through the proxy", allowed,
                    events -> TapQueries.targetExchanged(events, from, towardTarget))) {
                throw new TargetFault("expected the target's own ping answered within " + allowed.toMillis()
                        + " ms (I + T + P + tol), observed none");
            }
        }
        timeline.record(Sources.HARNESS, HarnessEvents.PHASE, "after", own ? "the target's own exchange" : "the peer's exchange",
                "phase", phase.word(), "declared_pings", HeartbeatModel.word(target.model().pings()));
        if (phase == FaultPhase.RANDOM) {
            long offset = ThreadLocalRandom.current().nextLong(Math.max(1, params.interval().toMillis()));
            timeline.record(Sources.HARNESS, HarnessEvents.PHASE_OFFSET, "offset_ms", offset);
            CellWaits.sleep(Duration.ofMillis(offset));
        }
    }
}
