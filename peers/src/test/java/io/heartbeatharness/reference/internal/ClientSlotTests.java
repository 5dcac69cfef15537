package io.heartbeatharness.reference.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.heartbeatharness.reference.common.Backoff;
import io.heartbeatharness.reference.RecordingLog;
import io.heartbeatharness.reference.VirtualTime;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ClientSlotTests {
    private static final Duration INITIAL = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(10);
    private final RecordingLog recording = new RecordingLog();
    private final VirtualTime time = new VirtualTime();
    private final Random random = new Random(4);

    private ClientSlot slot(boolean jitter) {
        return time.slot(recording.log(), new Backoff(INITIAL, MAX, jitter, random::nextDouble));
    }

    @Test
    void connectsAtOnceOnStart() {
        slot(true);
        assertThat(time.connects()).isEqualTo(1);
    }

    @Test
    void reconnectsExactlyAfterTheDrawnDelayWhichStaysWithinTheCap() {
        slot(true);
        for (int loss = 0; loss < 8; loss++) {
            int before = time.connects();
            time.attempt().lost("test");
            JsonNode scheduled = recording.last(PeerEvents.RECONNECT_SCHEDULED);
            long delayMs = scheduled.get("delay_ms").asLong();
            long capMs = Math.min(MAX.toMillis(), INITIAL.toMillis() << loss);
            assertThat(scheduled.get("cap_ms").asLong()).isEqualTo(capMs);
            assertThat(delayMs).isBetween(0L, capMs);
            if (delayMs > 0) {
                time.advance(Duration.ofMillis(delayMs - 1));
                assertThat(time.connects()).as("no attempt before the drawn delay").isEqualTo(before);
            }
            time.advance(Duration.ofMillis(1));
            assertThat(time.connects()).isEqualTo(before + 1);
        }
    }

    @Test
    void withoutJitterEveryDelayIsTheCapDoublingUpToTheMaximum() {
        slot(false);
        for (int loss = 0; loss < 6; loss++) {
            time.attempt().lost("test");
            time.advance(MAX);
        }
        List<Long> delays = recording.all(PeerEvents.RECONNECT_SCHEDULED).stream().map(e -> e.get("delay_ms").asLong()).toList();
        assertThat(delays).containsExactly(1000L, 2000L, 4000L, 8000L, 10000L, 10000L);
    }

    @Test
    void manyReportsOfOneLossScheduleOneReconnect() {
        slot(true);
        ClientSlot.Attempt attempt = time.attempt();
        attempt.lost("pong timeout");
        attempt.lost("channel inactive");
        assertThat(recording.count(PeerEvents.RECONNECT_SCHEDULED)).isEqualTo(1);
        time.advance(MAX);
        assertThat(time.connects()).isEqualTo(2);
    }

    @Test
    void aHealthyConnectionStartsTheBackoffOver() {
        slot(false);
        time.attempt().lost("test");
        time.advance(MAX);
        time.attempt().lost("test");
        time.advance(MAX);
        time.attempt().healthy();
        time.attempt().lost("test");
        assertThat(recording.last(PeerEvents.RECONNECT_SCHEDULED).get("delay_ms").asLong()).isEqualTo(INITIAL.toMillis());
    }

    @Test
    void aSecondConnectionIsReportedAsReconnectedWithTheTimeItWasDown() {
        slot(false);
        EmbeddedChannel first = time.channel();
        time.attempt().connected(first);
        assertThat(recording.events()).containsExactly(PeerEvents.CONNECTING, PeerEvents.CONNECTED);
        time.attempt().lost("test");
        time.advance(INITIAL);
        time.attempt().connected(time.channel());
        JsonNode reconnected = recording.last(PeerEvents.RECONNECTED);
        assertThat(reconnected.get("attempts").asInt()).isEqualTo(1);
        assertThat(recording.count(PeerEvents.CONNECTING)).isEqualTo(2);
        assertThat(reconnected.get("down_ms").asLong()).isEqualTo(INITIAL.toMillis());
    }

    @Test
    void aStoppedSlotMakesNoMoreAttempts() {
        ClientSlot slot = slot(true);
        slot.stop();
        time.attempt().lost("test");
        time.advance(MAX.multipliedBy(2));
        assertThat(time.connects()).isEqualTo(1);
        assertThat(recording.events()).doesNotContain(PeerEvents.RECONNECT_SCHEDULED);
    }
}
