package io.heartbeatharness.budget;

import java.time.Duration;

/**
 * A window derived from declared parameters, with the formula that produced it for the report.
 *
 * @param limit   the largest observed duration that still passes (tolerance included)
 * @param formula human-readable derivation, e.g. {@code I + T + P + tol = 3000 + 500 + 0 + 150 ms}
 */
public record Budget(Duration limit, String formula) {

    public long millis() {
        return limit.toMillis();
    }

    public boolean admits(Duration observed) {
        return observed.compareTo(limit) <= 0;
    }
}
