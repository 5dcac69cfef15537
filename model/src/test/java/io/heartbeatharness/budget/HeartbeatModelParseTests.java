package io.heartbeatharness.budget;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The model's words, as specs and the reference command line write them. */
class HeartbeatModelParseTests {

    @Test
    void wordsRoundTrip() {
        for (HeartbeatModel.Detection rule : HeartbeatModel.Detection.values()) {
            assertThat(HeartbeatModel.parse(HeartbeatModel.Detection.class, "detection", HeartbeatModel.word(rule)))
                    .isEqualTo(rule);
        }
        assertThat(HeartbeatModel.word(HeartbeatModel.Detection.NEXT_TICK)).isEqualTo("next-tick");
    }

    @Test
    void anUnknownWordNamesTheFieldAndTheKnownOnes() {
        assertThatThrownBy(() -> HeartbeatModel.parse(HeartbeatModel.Pingers.class, "pings", "nobody"))
                .hasMessage("pings: unknown value 'nobody' (expected one of client, server, both)");
    }

    @Test
    void whoPingsBySide() {
        assertThat(HeartbeatModel.SERVER_PINGS.pingsFrom(true)).isTrue();
        assertThat(HeartbeatModel.SERVER_PINGS.pingsFrom(false)).isFalse();
        assertThat(HeartbeatModel.SERVER_PINGS.withPings(HeartbeatModel.Pingers.BOTH).pingsFrom(false)).isTrue();
    }
}
