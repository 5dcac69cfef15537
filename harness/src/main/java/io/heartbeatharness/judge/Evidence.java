package io.heartbeatharness.judge;

import io.heartbeatharness.budget.PlannedBudgets;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.budget.Budget;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.timeline.TimelineEvent;

import java.util.List;

/**
 * Everything a check may look at: the recorded timeline and the declared (scaled) parameters it is judged by.
 * Checks are pure functions of this record.
 *
 * @param target    the target that ran
 * @param params    its declared parameters, multiplied by the time scale
 * @param tolerance slack added to every budget
 * @param events    the timeline, in monotonic order
 */
public record Evidence(Target target, HeartbeatParams params, Tolerance tolerance, List<TimelineEvent> events) {

    public Evidence {
        events = List.copyOf(events);
    }

    /**
     * The budget the cell recorded under {@code name} ({@link PlannedBudgets}).
     *
     * @throws HarnessException when the timeline holds none of that name
     */
    public Budget budget(String name) {
        return PlannedBudgets.recorded(events).get(name);
    }
}
