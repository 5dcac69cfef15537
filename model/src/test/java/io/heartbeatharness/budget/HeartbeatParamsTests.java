package io.heartbeatharness.budget;

import io.heartbeatharness.time.TimeScale;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeartbeatParamsTests {

    @Test
    void zeroIntervalIsRefusedNamingTheField() {
        assertThatThrownBy(() -> HeartbeatParams.SEED_000.withInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("interval:");
    }

    @Test
    void negativeSweepIsRefusedNamingTheField() {
        assertThatThrownBy(() -> HeartbeatParams.SEED_000.withSweepPeriod(Duration.ofMillis(-1)))
                .hasMessageStartingWith("sweep_period:");
    }

    @Test
    void backoffMaxBelowInitialIsRefused() {
        assertThatThrownBy(() -> HeartbeatParams.SEED_000.withBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasMessageStartingWith("backoff_max:");
    }

    @Test
    void closeCodeOutsideWebSocketRangeIsRefused() {
        assertThatThrownBy(() -> HeartbeatParams.SEED_000.withClose(70000, "x"))
                .hasMessageStartingWith("close_code:");
    }

    @Test
    void scalingMultipliesEveryDuration() {
        HeartbeatParams scaled = HeartbeatParams.SEED_000.scaled(new TimeScale(0.1));
        assertThat(scaled.interval()).isEqualTo(HeartbeatParams.SEED_000.interval().dividedBy(10));
        assertThat(scaled.timeout()).isEqualTo(HeartbeatParams.SEED_000.timeout().dividedBy(10));
        assertThat(scaled.backoffMax()).isEqualTo(HeartbeatParams.SEED_000.backoffMax().dividedBy(10));
        assertThat(scaled.closeCode()).isEqualTo(HeartbeatParams.SEED_000.closeCode());
    }

    @Test
    void detectionBudgetIsIntervalPlusTimeoutPlusSweepPlusTolerance() {
        HeartbeatParams p = HeartbeatParams.SEED_000.withSweepPeriod(Duration.ofSeconds(10));
        Budget budget = Budgets.detection(p, Tolerance.DEFAULT);
        assertThat(budget.limit()).isEqualTo(p.interval().plus(p.timeout()).plus(p.sweepPeriod()).plus(Tolerance.DEFAULT.absolute()));
        assertThat(budget.formula()).startsWith("I + T + P + tol");
    }

    @Test
    void scaleMustBePositive() {
        assertThatThrownBy(() -> TimeScale.parse("0")).hasMessageStartingWith("scale:");
        assertThatThrownBy(() -> TimeScale.parse("fast")).hasMessageContaining("'fast'");
    }
}
