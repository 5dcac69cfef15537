package io.heartbeatharness.judge;

import io.heartbeatharness.budget.Budget;

import java.time.Duration;

/**
 * How long a cell keeps watching for evidence after a fault: past the budget, so that a late detection is
 * measured ("observed 5210 ms") rather than reported as missing. Never a pass/fail threshold.
 */
public final class Observation {
    private Observation() {
    }

    /** The budget plus half of it, and at least one second more, so a slow answer is still seen. */
    public static Duration window(Budget budget) {
        Duration half = budget.limit().dividedBy(2);
        return budget.limit().plus(half.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : half);
    }
}
