package io.heartbeatharness.spec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTests {

    @ParameterizedTest
    @CsvSource({"30s, 30000", "500ms, 500", "1.5s, 1500", "2m, 120000", "1h, 3600000", "0, 0", "0s, 0", "90 s, 90000"})
    void readsANumberWithAUnit(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "-5s", "5 sec", "s", "1,5s", "", "1e3ms"})
    void refusesAnythingElseNamingTheText(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad duration '" + text + "'");
    }
}
