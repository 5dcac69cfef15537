package io.heartbeatharness.reference.line;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.DeclaredParams;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.Lines;
import io.heartbeatharness.reference.RecordingLog;
import io.heartbeatharness.reference.VirtualTime;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LineClientHandlerTests {
    private static final HeartbeatParams PARAMS = DeclaredParams.LINE;
    private final RecordingLog recording = new RecordingLog();
    private final VirtualTime time = new VirtualTime();

    private EmbeddedChannel connect(Set<KnownBad> flaws) {
        ClientConfig config = ClientConfig.loopback(8080, PARAMS).withFlaws(flaws);
        time.slot(recording.log(), config);
        return time.channel(new LineClientInitializer(config, recording.log(), time.attempt()));
    }

    @Test
    void pingsAtOnceOnConnectingAndEveryIntervalAfter() {
        EmbeddedChannel channel = connect(Set.of());
        assertThat(Lines.sent(channel)).containsExactly("ping");
        for (int beat = 0; beat < 3; beat++) {
            Lines.receive(channel, "pong");
            time.advance(PARAMS.interval().minusMillis(1));
            assertThat(Lines.sent(channel)).isEmpty();
            time.advance(Duration.ofMillis(1));
            assertThat(Lines.sent(channel)).containsExactly("ping");
        }
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void declaresTheServerDeadTimeoutAfterAnUnansweredPingAndReconnects() {
        EmbeddedChannel channel = connect(Set.of());
        Lines.receive(channel, "pong");
        time.advance(PARAMS.interval());
        Lines.sent(channel);
        time.advance(PARAMS.timeout().minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        time.advance(Duration.ofMillis(1));
        assertThat(channel.isOpen()).isFalse();
        assertThat(recording.events()).containsSubsequence(PeerEvents.PEER_DEAD, PeerEvents.RECONNECT_SCHEDULED, PeerEvents.CLOSED);
        assertThat(recording.count(PeerEvents.RECONNECT_SCHEDULED)).as("pong timeout and channelInactive: one reconnect").isEqualTo(1);
        long delay = recording.last(PeerEvents.RECONNECT_SCHEDULED).get("delay_ms").asLong();
        assertThat(delay).isBetween(0L, PARAMS.backoffInitial().toMillis());
        time.advance(Duration.ofMillis(delay));
        assertThat(time.connects()).isEqualTo(2);
    }

    @Test
    void theServerClosingSchedulesAReconnect() {
        EmbeddedChannel channel = connect(Set.of());
        channel.close();
        assertThat(recording.count(PeerEvents.RECONNECT_SCHEDULED)).isEqualTo(1);
        assertThat(recording.last(PeerEvents.CLOSED).get("by").asText()).isEqualTo("peer");
    }

    @Test
    void reconnectsWithGrowingBackoffWhileNoPongEverComes() {
        ClientConfig config = ClientConfig.loopback(8080, PARAMS);
        time.slot(recording.log(), config);
        for (int attempt = 0; attempt < 5; attempt++) {
            EmbeddedChannel channel = time.channel(new LineClientInitializer(config, recording.log(), time.attempt()));
            time.advance(PARAMS.timeout());
            assertThat(channel.isOpen()).isFalse();
            time.advance(PARAMS.backoffMax());
        }
        assertThat(recording.all(PeerEvents.RECONNECT_SCHEDULED).stream().map(e -> e.get("cap_ms").asLong()))
                .containsExactly(1000L, 2000L, 4000L, 8000L, 10000L);
    }

    @Test
    void knownBadNoJitterWaitsExactlyTheCapEveryTime() {
        ClientConfig config = ClientConfig.loopback(8080, PARAMS).withFlaws(Set.of(KnownBad.NO_JITTER));
        time.slot(recording.log(), config);
        for (int attempt = 0; attempt < 3; attempt++) {
            time.channel(new LineClientInitializer(config, recording.log(), time.attempt())).close();
            time.advance(PARAMS.backoffMax());
        }
        assertThat(recording.all(PeerEvents.RECONNECT_SCHEDULED).stream().map(e -> e.get("delay_ms").asLong()))
                .containsExactly(1000L, 2000L, 4000L);
    }

    @Test
    void knownBadNeverPingSendsNothingAndSoNeverNoticesADeadServer() {
        EmbeddedChannel channel = connect(Set.of(KnownBad.NEVER_PING));
        time.advance(PARAMS.interval().plus(PARAMS.timeout()).multipliedBy(3));
        assertThat(Lines.sent(channel)).isEmpty();
        assertThat(channel.isOpen()).isTrue();
        assertThat(recording.events()).doesNotContain(PeerEvents.PEER_DEAD);
        channel.finishAndReleaseAll();
    }
}
