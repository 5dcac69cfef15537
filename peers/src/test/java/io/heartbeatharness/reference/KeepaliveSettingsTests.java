package io.heartbeatharness.reference;

import io.heartbeatharness.reference.common.KeepaliveSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeepaliveSettingsTests {

    @Test
    void theDeclaredIntervalIsTheIdleTimeAndTheTimeoutIsSharedByTheProbes() {
        KeepaliveSettings settings = KeepaliveSettings.of(DeclaredParams.TCP_KEEPALIVE, 3);
        assertThat(settings.idle()).isEqualTo(DeclaredParams.TCP_KEEPALIVE.interval());
        assertThat(settings.interval().multipliedBy(3)).isEqualTo(DeclaredParams.TCP_KEEPALIVE.timeout());
        assertThat(settings.effectiveDetection())
                .isEqualTo(DeclaredParams.TCP_KEEPALIVE.interval().plus(DeclaredParams.TCP_KEEPALIVE.timeout()));
    }

    @Test
    void durationsAreRoundedUpToWholeSecondsAndNeverBelowOne() {
        KeepaliveSettings settings = new KeepaliveSettings(Duration.ofMillis(1500), Duration.ofMillis(1), 2);
        assertThat(settings.idleSeconds()).isEqualTo(2);
        assertThat(settings.intervalSeconds()).isEqualTo(1);
        assertThat(new KeepaliveSettings(Duration.ofSeconds(3), Duration.ofMillis(1000), 3).intervalSeconds()).isEqualTo(1);
        assertThat(settings.effectiveDetection()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void rejectsValuesTheKernelWouldRefuseNamingTheFlag() {
        assertThatThrownBy(() -> new KeepaliveSettings(Duration.ZERO, Duration.ofSeconds(1), 3))
                .hasMessageStartingWith("keepidle-ms:");
        assertThatThrownBy(() -> new KeepaliveSettings(Duration.ofSeconds(1), Duration.ofSeconds(40000), 3))
                .hasMessageStartingWith("keepintvl-ms:");
        assertThatThrownBy(() -> new KeepaliveSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .hasMessageStartingWith("keepcnt:");
        assertThatThrownBy(() -> new KeepaliveSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 128))
                .hasMessageStartingWith("keepcnt:");
    }
}
