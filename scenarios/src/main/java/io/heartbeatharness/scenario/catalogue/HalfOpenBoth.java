package io.heartbeatharness.scenario.catalogue;

import io.heartbeatharness.budget.Budget;
import io.heartbeatharness.budget.Budgets;
import io.heartbeatharness.process.ManagedProcess;
import io.heartbeatharness.proxy.Direction;
import io.heartbeatharness.proxy.EmbeddedProxy;
import io.heartbeatharness.proxy.Side;
import io.heartbeatharness.proxy.TapEvents;
import io.heartbeatharness.reference.EventLog;
import io.heartbeatharness.scenario.CellContext;
import io.heartbeatharness.scenario.Evidence;
import io.heartbeatharness.scenario.Judgement;
import io.heartbeatharness.scenario.Requirement;
import io.heartbeatharness.scenario.Role;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.scenario.Target;
import io.heartbeatharness.scenario.judge.Observation;
import io.heartbeatharness.scenario.judge.TapQueries;
import io.heartbeatharness.timeline.TimelineEvent;
import io.heartbeatharness.verdict.Verdict;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code half-open/both}: every byte is dropped in both directions while both sockets stay open — a laptop
 * lid closing, a router failing. The fault starts right after a completed heartbeat exchange, the worst phase
 * for the target, so the full budget is exercised.
 */
public final class HalfOpenBoth implements Scenario {

    @Override
    public String id() {
        return "half-open/both";
    }

    @Override
    public String description() {
        return "All bytes dropped in both directions, no FIN or RST; both sockets stay open.";
    }

    @Override
    public String expectation() {
        return "A server target closes the dead connection within I + T + P; a client target detects within "
                + "I + T and reconnects once the path heals.";
    }

    @Override
    public Requirement requirement() {
        return Requirement.MUST;
    }

    @Override
    public boolean appliesTo(Target target) {
        return true;
    }

    @Override
    public void drive(CellContext cell) {
        Budget detection = Budgets.detection(cell.params(), cell.tolerance());
        EmbeddedProxy proxy;
        if (cell.target().role() == Role.SERVER) {
            ManagedProcess server = cell.startTargetServer();
            proxy = cell.proxy(cell.portOf(server));
            cell.startPeerClient(proxy.port(), 1);
        } else {
            ManagedProcess server = cell.startPeerServer();
            proxy = cell.proxy(cell.portOf(server));
            cell.startTargetClient(proxy.port(), 1);
        }
        cell.require("completed heartbeat exchange through the proxy",
                cell.startupTimeout().plus(cell.params().interval()).plus(cell.params().timeout()),
                HalfOpenBoth::heartbeatExchanged);

        long faultStart = cell.mark("fault-start", "fault", "blackhole", "direction", "both");
        proxy.blackhole(Direction.UPSTREAM, true);
        proxy.blackhole(Direction.DOWNSTREAM, true);
        String conn = TapQueries.connectionOpenAt(cell.timeline().events(), faultStart)
                .orElseThrow(() -> new io.heartbeatharness.scenario.HarnessException("no open connection at fault start"));
        Side detector = cell.target().role() == Role.SERVER ? Side.SERVER : Side.CLIENT;
        cell.waitFor(Observation.window(detection),
                events -> TapQueries.closeBy(events, conn, detector, faultStart).isPresent());

        long healed = cell.mark("fault-end", "fault", "blackhole");
        proxy.blackhole(Direction.UPSTREAM, false);
        proxy.blackhole(Direction.DOWNSTREAM, false);
        if (cell.target().role() == Role.CLIENT) {
            Budget reconnect = Budgets.reconnectAfterHeal(cell.params(), cell.tolerance());
            cell.waitFor(Observation.window(reconnect),
                    events -> TapQueries.reconnectedAt(events, conn, healed).isPresent());
        }
    }

    /** The peer has answered (or received the answer to) a heartbeat and it crossed the proxy. */
    static boolean heartbeatExchanged(List<TimelineEvent> events) {
        Optional<TimelineEvent> pong = events.stream()
                .filter(e -> e.source().equals(CellContext.PEER)
                        && (e.is(EventLog.PONG_SENT) || e.is(EventLog.PONG_RECEIVED)))
                .findFirst();
        if (pong.isEmpty()) {
            return false;
        }
        if (pong.get().is(EventLog.PONG_RECEIVED)) {
            return true;
        }
        long sent = pong.get().monoNanos();
        return events.stream().anyMatch(e -> e.monoNanos() >= sent && e.source().equals(TapEvents.SOURCE)
                && e.is(TapEvents.BYTES) && Direction.UPSTREAM.wireName().equals(e.str("direction")));
    }

    @Override
    public Judgement judge(Evidence evidence) {
        List<TimelineEvent> events = evidence.events();
        Budget detection = Budgets.detection(evidence.params(), evidence.tolerance());
        Optional<TimelineEvent> start = TapQueries.mark(events, "fault-start");
        if (start.isEmpty()) {
            return Judgement.error("the fault never started (no fault-start on the timeline)");
        }
        long faultStart = start.get().monoNanos();
        Optional<String> conn = TapQueries.connectionOpenAt(events, faultStart);
        if (conn.isEmpty()) {
            return Judgement.error("no proxied connection was open when the fault started");
        }
        boolean server = evidence.target().role() == Role.SERVER;
        String who = server ? "the server" : "the client";
        Side side = server ? Side.SERVER : Side.CLIENT;
        Optional<TimelineEvent> close = TapQueries.closeBy(events, conn.get(), side, faultStart);
        if (close.isEmpty()) {
            return new Judgement(Verdict.FAIL, String.format(
                    "expected %s to close the dead connection within %d ms (%s), observed no close within %d ms of the fault",
                    who, detection.millis(), detection.formula(), Observation.window(detection).toMillis()),
                    detection, null, null, faultStart);
        }
        long detectedMs = TapQueries.millisBetween(faultStart, close.get().monoNanos());
        if (!detection.admits(java.time.Duration.ofMillis(detectedMs))) {
            return new Judgement(Verdict.FAIL, String.format(
                    "expected %s to close the dead connection within %d ms (%s), observed %d ms",
                    who, detection.millis(), detection.formula(), detectedMs), detection, detectedMs, null, faultStart);
        }
        Optional<String> wrongCode = wrongCloseCode(evidence, faultStart);
        if (wrongCode.isPresent()) {
            return new Judgement(Verdict.FAIL, wrongCode.get(), detection, detectedMs, null, faultStart);
        }
        if (server) {
            return new Judgement(Verdict.PASS, String.format("expected the server to close the dead connection within "
                    + "%d ms (%s), observed %d ms", detection.millis(), detection.formula(), detectedMs),
                    detection, detectedMs, null, faultStart);
        }
        Budget reconnect = Budgets.reconnectAfterHeal(evidence.params(), evidence.tolerance());
        long healed = TapQueries.mark(events, "fault-end").map(TimelineEvent::monoNanos).orElse(Long.MAX_VALUE);
        OptionalLong back = TapQueries.reconnectedAt(events, conn.get(), healed);
        if (back.isEmpty()) {
            return new Judgement(Verdict.FAIL, String.format("expected the client to reconnect within %d ms of the path "
                            + "healing (%s), observed no working connection within %d ms", reconnect.millis(),
                    reconnect.formula(), Observation.window(reconnect).toMillis()), reconnect, detectedMs, null, faultStart);
        }
        long reconnectMs = TapQueries.millisBetween(healed, back.getAsLong());
        boolean inTime = reconnect.admits(java.time.Duration.ofMillis(reconnectMs));
        return new Judgement(inTime ? Verdict.PASS : Verdict.FAIL, String.format(
                "expected detection within %d ms and reconnect within %d ms of healing (%s), observed %d ms and %d ms",
                detection.millis(), reconnect.millis(), reconnect.formula(), detectedMs, reconnectMs),
                inTime ? detection : reconnect, detectedMs, reconnectMs, faultStart);
    }

    /** When the target reports its own close, the code must be the one it declared. */
    static Optional<String> wrongCloseCode(Evidence evidence, long after) {
        Integer expected = evidence.params().closeCode();
        if (expected == null || evidence.target().role() != Role.SERVER) {
            return Optional.empty();
        }
        return TapQueries.first(evidence.events(), CellContext.TARGET, EventLog.CLOSED, after)
                .filter(e -> "self".equals(e.str("by")))
                .map(e -> e.str("code"))
                .filter(code -> !expected.toString().equals(code))
                .map(code -> "expected close code " + expected + " (" + evidence.params().closeReason()
                        + "), observed " + code);
    }
}
