package io.heartbeatharness.judge;

import io.heartbeatharness.budget.PlannedBudgets;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.budget.Budget;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TimelineEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A timeline written by hand for judges' tests: events at whole milliseconds, no processes, no sockets. */
public final class HandTimeline {
    private static final long MS = 1_000_000L;
    private final List<TimelineEvent> events = new ArrayList<>();

    /** Adds an event at {@code ms} milliseconds; {@code kv} alternate names and values. */
    public void at(long ms, String source, String type, Object... kv) {
        events.add(event(ms, source, type, kv));
    }

    private static TimelineEvent event(long ms, String source, String type, Object... kv) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            data.put(kv[i].toString(), kv[i + 1]);
        }
        return new TimelineEvent(ms * MS, ms, source, type, data);
    }

    /** Records {@code budget} under {@code name} at {@code ms}, as a fault plan states one it has just learnt. */
    public void budget(long ms, String name, Budget budget) {
        at(ms, Sources.HARNESS, HarnessEvents.BUDGET, PlannedBudgets.eventData(name, budget));
    }

    /**
     * What a cell of {@code scenario} against {@code target} hands its judge: these events, after the budgets the
     * scenario's plan states, recorded at 0 ms as a cell records them before it starts anything.
     */
    public Evidence evidence(Scenario scenario, Target target, HeartbeatParams params, Tolerance tolerance) {
        List<TimelineEvent> all = new ArrayList<>();
        scenario.budgets(target.role(), params, RunDefaults.CI_SCALE, tolerance).asMap().forEach((name, budget) ->
                all.add(event(0, Sources.HARNESS, HarnessEvents.BUDGET, PlannedBudgets.eventData(name, budget))));
        all.addAll(events);
        return new Evidence(target, params, tolerance,
                all.stream().sorted(Comparator.comparingLong(TimelineEvent::monoNanos)).toList());
    }

    /** The events in time order, as a real timeline hands them out; events at one instant keep their order. */
    public List<TimelineEvent> events() {
        return events.stream().sorted(Comparator.comparingLong(TimelineEvent::monoNanos)).toList();
    }
}
