package io.heartbeatharness.scenario.fleet;

import io.heartbeatharness.budget.Budget;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.result.Distribution;
import io.heartbeatharness.judge.Evidence;
import io.heartbeatharness.judge.Judgement;
import io.heartbeatharness.judge.FleetQueries;
import io.heartbeatharness.judge.StalledStamps;
import io.heartbeatharness.judge.TapQueries;
import io.heartbeatharness.budget.PlannedBudgets;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TimelineEvent;
import io.heartbeatharness.verdict.Verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The check of {@code fleet/frozen-subset}, a pure function of the timeline: every connection open at the
 * {@code SIGSTOP} is frozen (held by the stopped process) or live; each frozen one must be closed by the server
 * within the detection budget, and no live one may be closed by either side while the fault lasts.
 */
final class FleetVerdict {
    private FleetVerdict() {
    }

    static Judgement of(Evidence evidence, int connections) {
        List<TimelineEvent> events = evidence.events();
        Optional<TimelineEvent> mark = TapQueries.mark(events, HarnessEvents.FAULT_START);
        if (mark.isEmpty()) {
            return Judgement.error("the SIGSTOP is missing from the timeline");
        }
        long faultStart = mark.get().monoNanos();
        String victim = mark.get().str("process");
        long faultEnd = TapQueries.mark(events, HarnessEvents.FAULT_END).map(TimelineEvent::monoNanos).orElse(Long.MAX_VALUE);
        List<FleetQueries.Held> open = FleetQueries.openAt(events, faultStart, FleetFrozenSubset::isPeer);
        // A connection still in its handshake at the SIGSTOP carries no heartbeat yet: it is neither frozen nor live.
        long inFlight = open.stream().filter(h -> h.process() == null).count();
        open = open.stream().filter(h -> h.process() != null).toList();
        if (open.size() < connections) {
            return Judgement.error("only " + open.size() + " of " + connections + " connections were open at the "
                    + "SIGSTOP (" + inFlight + " more still connecting)");
        }
        Set<String> all = open.stream().map(FleetQueries.Held::conn).collect(Collectors.toSet());
        Map<String, TimelineEvent> closes = FleetQueries.firstCloses(events, all, faultStart, faultEnd);
        Budget budget = evidence.budget(PlannedBudgets.DETECTION);

        List<Long> detectedMs = new ArrayList<>();
        int frozen = 0;
        int late = 0;
        int fromLog = 0;
        int undecided = 0;
        long longestStallMs = 0;
        List<String> falseCloses = new ArrayList<>();
        int starved = 0;
        long longestStarvingMs = 0;
        List<StalledStamps.Stall> starving = StalledStamps.all(events).stream()
                .filter(stall -> stall.millis() >= starvingMs(evidence)).toList();
        for (FleetQueries.Held held : open) {
            TimelineEvent close = closes.get(held.conn());
            if (!victim.equals(held.process())) {
                if (close == null) {
                    continue;
                }
                Optional<StalledStamps.Stall> starvedBy = starvedBy(starving, close, evidence);
                if (starvedBy.isPresent()) {
                    starved++;
                    longestStarvingMs = Math.max(longestStarvingMs, starvedBy.get().millis());
                } else {
                    falseCloses.add(String.format("%s by the %s side after %d ms", held.conn(), close.str("side"),
                            TapQueries.millisBetween(faultStart, close.monoNanos())));
                }
                continue;
            }
            frozen++;
            if (close != null && Side.SERVER.wireName().equals(close.str("side"))) {
                // Stamped late as the proxy's loop came back? The server's own log says when, if it can.
                StalledStamps.Reading read = StalledStamps.read(events, close, held.conn(), Side.SERVER,
                        Sources.TARGET, faultStart, budget);
                long closedAt = read.closedAt();
                if (read.stall() != null) {
                    longestStallMs = Math.max(longestStallMs, read.stall().millis());
                }
                if (read.fromLog()) {
                    fromLog++;
                }
                if (read.undecided()) {
                    undecided++;
                }
                detectedMs.add(TapQueries.millisBetween(faultStart, closedAt));
                if (!budget.admits(Duration.ofNanos(closedAt - faultStart))) {
                    late++;
                }
            }
        }
        if (frozen == 0) {
            return Judgement.error("no connection of the frozen process " + victim + " was open at the SIGSTOP");
        }
        int live = open.size() - frozen;
        int inTime = detectedMs.size() - late;
        Long slowest = detectedMs.stream().max(Long::compare).orElse(null);
        String spread = Distribution.of(detectedMs)
                .map(d -> String.format(" (p50 %d ms, p95 %d ms, slowest %d ms)", d.p50(), d.p95(), d.max()))
                .orElse("");
        StringBuilder observed = new StringBuilder(String.format("observed %d of %d closed in time%s", inTime, frozen,
                spread));
        if (late > 0) {
            observed.append(String.format(", %d late", late));
        }
        if (frozen - detectedMs.size() > 0) {
            observed.append(String.format(", %d never closed by the server", frozen - detectedMs.size()));
        }
        if (fromLog > 0) {
            observed.append(String.format(", %d of them timed by the server's own log (the harness's proxy did not run "
                    + "for up to %d ms and stamped them late)", fromLog, longestStallMs));
        }
        observed.append(String.format(", %d of %d live ones closed", falseCloses.size() + starved, live));
        List<String> about = new ArrayList<>();
        if (starved > 0) {
            about.add(String.format("%d as the harness's proxy had not run for %d ms, starving them", starved,
                    longestStarvingMs));
        }
        if (!falseCloses.isEmpty()) {
            about.add((starved > 0 ? "first other: " : "first: ") + falseCloses.get(0));
        }
        if (!about.isEmpty()) {
            observed.append(" (").append(String.join("; ", about)).append(')');
        }
        String message = String.format("expected the server to close all %d frozen connections within %d ms (%s) "
                + "and none of the %d live ones, %s", frozen, budget.millis(), budget.formula(), live, observed);
        // What the harness's own stalls can have caused: a late close stamped after a stall that began within the
        // budget (nothing tells when it happened), a live connection closed as the proxy stopped feeding it.
        boolean onlyStalls = late == undecided && inTime + late == frozen && falseCloses.isEmpty();
        if (onlyStalls && (undecided > 0 || starved > 0)) {
            List<String> cannot = new ArrayList<>();
            if (undecided > 0) {
                cannot.add(String.format("whether the %d late ones were: the harness's proxy did not run for up to "
                        + "%d ms across the budget's edge and the server logged no close for them", undecided,
                        longestStallMs));
            }
            if (starved > 0) {
                cannot.add(String.format("whether the server would have kept the %d live ones: the harness's proxy "
                        + "forwarded nothing for %d ms, longer than the %d ms of T less the tolerance, just before "
                        + "they were closed", starved, longestStarvingMs, starvingMs(evidence)));
            }
            return new Judgement(Verdict.ERROR, message + ", but cannot tell " + String.join(", nor ", cannot),
                    budget, slowest, null, faultStart, detectedMs);
        }
        Verdict verdict = inTime == frozen && falseCloses.isEmpty() && starved == 0 ? Verdict.PASS : Verdict.FAIL;
        return new Judgement(verdict, message, budget, slowest, null, faultStart, detectedMs);
    }

    /**
     * The shortest stall of the harness's proxy that can starve a live connection at a correct server: the server
     * gives up after I + T of silence and the client's last heartbeat came up to I (and the tolerance) before.
     */
    private static long starvingMs(Evidence evidence) {
        return Math.max(0, evidence.params().timeout().toMillis() - evidence.tolerance().millis());
    }

    /**
     * The stall that may have made a correct server close this live connection: one of the {@code starving} ones (at
     * least {@link #starvingMs} long) during which, or within the tolerance after which, the close was stamped. A
     * close later than that came after the proxy had fed the connection again, and is the server's own doing.
     */
    private static Optional<StalledStamps.Stall> starvedBy(List<StalledStamps.Stall> starving, TimelineEvent close,
                                                          Evidence evidence) {
        long at = close.monoNanos();
        long slack = evidence.tolerance().absolute().toNanos();
        return starving.stream().filter(stall -> stall.fromNanos() < at && at <= stall.resumedNanos() + slack)
                .max(java.util.Comparator.comparingLong(StalledStamps.Stall::millis));
    }
}
