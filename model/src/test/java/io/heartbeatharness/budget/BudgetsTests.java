package io.heartbeatharness.budget;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Budgets derived from declared parameters only. */
class BudgetsTests {
    private static final HeartbeatParams PARAMS = HeartbeatParams.SEED_000.scaled(new io.heartbeatharness.time.TimeScale(0.1));

    @Test
    void exchangeMinimumCountsOnePerLongestPeriodNotPerInterval() {
        // I = 3000 ms, T = 500 ms: a library that waits for the pong before its next interval takes up to 3500 ms.
        Duration tenIntervals = PARAMS.interval().multipliedBy(10);
        assertThat(Budgets.minExchanges(PARAMS, tenIntervals)).isEqualTo(30_000 / 3_500 - 1);
        HeartbeatParams slowAnswers = PARAMS.withTimeout(PARAMS.interval());
        assertThat(Budgets.minExchanges(slowAnswers, tenIntervals)).isEqualTo(4);
    }

    @Test
    void exchangeMinimumIsAtLeastOne() {
        assertThat(Budgets.minExchanges(PARAMS, Duration.ofMillis(10))).isEqualTo(1);
    }
}
