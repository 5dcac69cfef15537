package io.heartbeatharness.budget;

import io.heartbeatharness.verdict.HarnessException;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TimelineEvent;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The budgets a cell is judged by, each under a name: stated once by its scenario ({@link Scenario#budgets}),
 * recorded on the timeline as {@link HarnessEvents#BUDGET} events, and read back from there by the fault plan's
 * waits and by the judge, so neither derives a budget of its own.
 */
public final class PlannedBudgets {
    /** {@code Budgets.detection}: a side that pings or sweeps notices a dead peer. */
    public static final String DETECTION = "detection";
    /** {@code Budgets.reconnect}: back after its own detection. */
    public static final String RECONNECT = "reconnect";
    /** {@code Budgets.reconnectAfterHeal}: back once the path heals or the peer resumes. */
    public static final String RECONNECT_AFTER_HEAL = "reconnect-after-heal";
    /** {@code Budgets.reconnectAfterLoss}: back after a loud loss. */
    public static final String RECONNECT_AFTER_LOSS = "reconnect-after-loss";
    /** {@code Budgets.reconnectAfterOutage}: every client back after a server outage. */
    public static final String RECONNECT_AFTER_OUTAGE = "reconnect-after-outage";

    private static final PlannedBudgets NONE = new PlannedBudgets(Map.of());
    private static final int NANOS_PER_MILLI_DIGITS = 6;

    private final Map<String, Budget> byName;

    private PlannedBudgets(Map<String, Budget> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    public static PlannedBudgets none() {
        return NONE;
    }

    public static PlannedBudgets of(String name, Budget budget) {
        return NONE.and(name, budget);
    }

    /** These budgets and {@code budget} under {@code name}. */
    public PlannedBudgets and(String name, Budget budget) {
        Map<String, Budget> more = new LinkedHashMap<>(byName);
        more.put(name, budget);
        return new PlannedBudgets(more);
    }

    /** @throws HarnessException when no budget has that name: the plan never stated it */
    public Budget get(String name) {
        Budget budget = byName.get(name);
        if (budget == null) {
            throw new HarnessException("no budget '" + name + "' on the timeline: the scenario's plan never stated it"
                    + " (recorded: " + String.join(", ", byName.keySet()) + ")");
        }
        return budget;
    }

    /** Name to budget, in the order they were stated. */
    public Map<String, Budget> asMap() {
        return byName;
    }

    /** The data of the {@link HarnessEvents#BUDGET} event that records {@code budget} under {@code name}. */
    public static Object[] eventData(String name, Budget budget) {
        return new Object[]{"name", name, "limit_ms", millis(budget.limit()), "formula", budget.formula()};
    }

    /** The budgets recorded on {@code events}, the last one of a name counting. */
    public static PlannedBudgets recorded(List<TimelineEvent> events) {
        Map<String, Budget> found = new LinkedHashMap<>();
        for (TimelineEvent e : events) {
            if (e.is(HarnessEvents.BUDGET) && e.source().equals(Sources.HARNESS)) {
                found.put(e.str("name"), new Budget(Duration.ofNanos(new BigDecimal(e.str("limit_ms"))
                        .movePointRight(NANOS_PER_MILLI_DIGITS).longValueExact()), e.str("formula")));
            }
        }
        return new PlannedBudgets(found);
    }

    /** Whole milliseconds as a whole number; a limit finer than that (an odd time scale) exactly, as a decimal. */
    private static Number millis(Duration limit) {
        long nanos = limit.toNanos();
        return nanos % 1_000_000 == 0 ? nanos / 1_000_000
                : BigDecimal.valueOf(nanos, NANOS_PER_MILLI_DIGITS).stripTrailingZeros();
    }
}
