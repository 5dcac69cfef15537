package io.heartbeatharness.judge;

import io.heartbeatharness.budget.Budget;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TimelineEvent;
import io.heartbeatharness.verdict.Verdict;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/** Judgements shared by several scenarios; each is a pure function of the evidence. */
public final class Checks {
    private Checks() {
    }

    /**
     * Outcome of one check: a failure message, or the observed figure; {@code undecided} when the harness's own
     * evidence cannot tell a pass from a fail (the cell is an ERROR, never blamed on the target).
     */
    public record Outcome(boolean passed, String message, Long observedMs, Budget budget, boolean undecided) {
        public Outcome(boolean passed, String message, Long observedMs, Budget budget) {
            this(passed, message, observedMs, budget, false);
        }
    }

    /** {@code side} of {@code conn} must close (FIN or RST) within {@code budget} of {@code from}. */
    public static Outcome closesWithin(Evidence evidence, String conn, Side side, long from, Budget budget, String who) {
        Optional<TimelineEvent> close = TapQueries.closeBy(evidence.events(), conn, side, from);
        if (close.isEmpty()) {
            return new Outcome(false, String.format(
                    "expected %s to close the dead connection within %d ms (%s), observed no close within %d ms",
                    who, budget.millis(), budget.formula(), Observation.window(budget).toMillis()), null, budget);
        }
        String expected = String.format("expected %s to close the dead connection within %d ms (%s)",
                who, budget.millis(), budget.formula());
        StalledStamps.Reading read = StalledStamps.read(evidence.events(), close.get(), conn, side, null, from, budget);
        long stampedMs = TapQueries.millisBetween(from, close.get().monoNanos());
        long ms = TapQueries.millisBetween(from, read.closedAt());
        String why = read.stall() == null ? "" : String.format("the harness's proxy did not run for %d ms and "
                + "stamped the close at %d ms", read.stall().millis(), stampedMs);
        if (read.undecided()) {
            return new Outcome(false, expected + String.format(", but cannot tell: it closed between %d and %d ms, "
                    + "as %s, and logged no close", TapQueries.millisBetween(from, read.earliest()), stampedMs, why),
                    stampedMs, budget, true);
        }
        String observed = read.fromLog() ? String.format(", observed %d ms (from its own log: %s)", ms, why)
                : String.format(", observed %d ms", ms);
        return new Outcome(budget.admits(Duration.ofMillis(ms)), expected + observed, ms, budget);
    }

    /** A connection other than {@code conn} must carry bytes both ways within {@code budget} of {@code from}. */
    public static Outcome reconnectsWithin(Evidence evidence, String conn, long from, Budget budget, String when) {
        OptionalLong back = TapQueries.reconnectedAt(evidence.events(), conn, from);
        if (back.isEmpty()) {
            return new Outcome(false, String.format(
                    "expected a working new connection within %d ms of %s (%s), observed none within %d ms",
                    budget.millis(), when, budget.formula(), Observation.window(budget).toMillis()), null, budget);
        }
        long ms = TapQueries.millisBetween(from, back.getAsLong());
        String text = String.format("expected a working new connection within %d ms of %s (%s), observed %d ms",
                budget.millis(), when, budget.formula(), ms);
        return new Outcome(budget.admits(Duration.ofMillis(ms)), text, ms, budget);
    }

    /**
     * When a server target closes after {@code after} with a code — in a Close frame the tap read, or in its own log —
     * the code must be the one it declared. A close without a code (a bare FIN, {@code terminate()}) is not checked.
     */
    public static Optional<String> wrongCloseCode(Evidence evidence, long after) {
        Integer expected = evidence.params().closeCode();
        if (expected == null || evidence.target().role() != Side.SERVER) {
            return Optional.empty();
        }
        Optional<String> sent = evidence.events().stream()
                .filter(e -> e.monoNanos() >= after && TapQueries.closeFrameFrom(e, Side.SERVER) && e.str("code") != null)
                .findFirst().map(e -> e.str("code"));
        Optional<String> logged = TapQueries.first(evidence.events(), Sources.TARGET, PeerEvents.CLOSED, after)
                .filter(e -> "self".equals(e.str("by")))
                .map(e -> e.str("code"));
        return sent.or(() -> logged)
                .filter(code -> !expected.toString().equals(code))
                .map(code -> "expected close code " + expected + " (" + evidence.params().closeReason()
                        + "), observed " + code);
    }

    /** Combines a detection and an optional reconnect check into a judgement (FAIL on the first miss). */
    public static Judgement judgement(Outcome detection, Outcome reconnect, long faultStart) {
        Long detectedMs = detection.observedMs();
        if (detection.undecided()) {
            return new Judgement(Verdict.ERROR, detection.message(), detection.budget(), null, null, faultStart);
        }
        if (!detection.passed()) {
            return new Judgement(Verdict.FAIL, detection.message(), detection.budget(), detectedMs, null, faultStart);
        }
        if (reconnect == null) {
            return new Judgement(Verdict.PASS, detection.message(), detection.budget(), detectedMs, null, faultStart);
        }
        String both = detection.message() + "; " + reconnect.message();
        return new Judgement(reconnect.passed() ? Verdict.PASS : Verdict.FAIL, both,
                reconnect.passed() ? detection.budget() : reconnect.budget(), detectedMs, reconnect.observedMs(), faultStart);
    }

    /** The fault-start mark, and the connection that was open at that instant, or an ERROR judgement. */
    public record FaultOnConnection(long faultStart, String conn, Judgement error) {
    }

    public static FaultOnConnection faultOnConnection(Evidence evidence) {
        Optional<TimelineEvent> start = TapQueries.mark(evidence.events(), HarnessEvents.FAULT_START);
        if (start.isEmpty()) {
            return new FaultOnConnection(0, null, Judgement.error("the fault never started (no fault-start on the timeline)"));
        }
        long faultStart = start.get().monoNanos();
        Optional<String> conn = TapQueries.connectionOpenAt(evidence.events(), faultStart);
        if (conn.isEmpty()) {
            return new FaultOnConnection(faultStart, null, Judgement.error("no proxied connection was open when the fault started"));
        }
        return new FaultOnConnection(faultStart, conn.get(), null);
    }

    public static long markOr(Evidence evidence, String type, long fallback) {
        return TapQueries.mark(evidence.events(), type).map(TimelineEvent::monoNanos).orElse(fallback);
    }
}
