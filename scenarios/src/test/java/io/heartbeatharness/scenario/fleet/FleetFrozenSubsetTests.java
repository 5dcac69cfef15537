package io.heartbeatharness.scenario.fleet;

import io.heartbeatharness.scenario.fleet.FleetFrozenSubset;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FleetFrozenSubsetTests {
    @Test
    void aSmallFleetIsLookedAtOftenAndALargeOneOnceASecond() {
        assertThat(new FleetFrozenSubset(10).poll()).isEqualTo(Duration.ofMillis(100));
        assertThat(new FleetFrozenSubset(500).poll()).isEqualTo(Duration.ofMillis(100));
        assertThat(new FleetFrozenSubset(2_500).poll()).isEqualTo(Duration.ofMillis(500));
        assertThat(new FleetFrozenSubset(5_000).poll()).isEqualTo(Duration.ofSeconds(1));
        assertThat(new FleetFrozenSubset(9_500).poll()).isEqualTo(Duration.ofSeconds(1));
    }
}
