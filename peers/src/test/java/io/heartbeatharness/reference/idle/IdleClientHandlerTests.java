package io.heartbeatharness.reference.idle;

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

class IdleClientHandlerTests {
    private static final HeartbeatParams PARAMS = DeclaredParams.IDLE;
    private final RecordingLog recording = new RecordingLog();
    private final VirtualTime time = new VirtualTime();

    private EmbeddedChannel connect(Set<KnownBad> flaws) {
        ClientConfig config = ClientConfig.loopback(8080, PARAMS).withFlaws(flaws);
        time.slot(recording.log(), config);
        return time.channel(new IdleClientInitializer(config, recording.log(), time.attempt()));
    }

    @Test
    void pingsOnConnectingAndWheneverNothingWasWrittenForAnInterval() {
        EmbeddedChannel channel = connect(Set.of());
        assertThat(Lines.sent(channel)).containsExactly("ping");
        for (int beat = 0; beat < 3; beat++) {
            Lines.receive(channel, "pong");
            time.advance(PARAMS.interval().minusMillis(1));
            assertThat(Lines.sent(channel)).isEmpty();
            time.advance(Duration.ofMillis(1));
            assertThat(Lines.sent(channel)).containsExactly("ping");
        }
        channel.finishAndReleaseAll();
    }

    @Test
    void declaresTheServerDeadTimeoutAfterAnUnansweredPingAndReconnects() {
        EmbeddedChannel channel = connect(Set.of());
        Lines.receive(channel, "pong");
        time.advance(PARAMS.interval());
        time.advance(PARAMS.timeout().minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        time.advance(Duration.ofMillis(1));
        assertThat(channel.isOpen()).isFalse();
        assertThat(recording.last(PeerEvents.PEER_DEAD).get("reason").asText()).isEqualTo("no pong within timeout");
        assertThat(recording.count(PeerEvents.RECONNECT_SCHEDULED)).isEqualTo(1);
        time.advance(PARAMS.backoffInitial());
        assertThat(time.connects()).isEqualTo(2);
    }

    @Test
    void reconnectsFromChannelInactiveWhenTheServerGoesAway() {
        EmbeddedChannel channel = connect(Set.of());
        Lines.receive(channel, "pong");
        channel.close();
        assertThat(recording.count(PeerEvents.RECONNECT_SCHEDULED)).isEqualTo(1);
        assertThat(recording.last(PeerEvents.RECONNECT_SCHEDULED).get("reason").asText()).isEqualTo("channel inactive");
        time.advance(PARAMS.backoffInitial());
        assertThat(time.connects()).isEqualTo(2);
    }

    @Test
    void knownBadReconnectOnlyFromIdleEventNeverReconnectsOnceTheServerHasGone() {
        EmbeddedChannel channel = connect(Set.of(KnownBad.RECONNECT_ONLY_FROM_IDLE_EVENT));
        Lines.receive(channel, "pong");
        channel.close();
        time.advance(PARAMS.interval().plus(PARAMS.timeout()).plus(PARAMS.backoffMax()).multipliedBy(10));
        assertThat(time.connects()).as("seed 004: IdleStateHandler cancelled its timers, no idle event ever comes").isEqualTo(1);
        assertThat(recording.events()).doesNotContain(PeerEvents.RECONNECT_SCHEDULED);
    }

    @Test
    void knownBadReconnectOnlyFromIdleEventStillCatchesAHalfOpenConnectionButOnlyAtAWriterIdleEvent() {
        EmbeddedChannel channel = connect(Set.of(KnownBad.RECONNECT_ONLY_FROM_IDLE_EVENT));
        Lines.receive(channel, "pong");
        time.advance(PARAMS.interval().plus(PARAMS.timeout()));
        assertThat(channel.isOpen()).as("a correct client would be gone by now").isTrue();
        time.advance(PARAMS.interval().minus(PARAMS.timeout()));
        assertThat(channel.isOpen()).as("the second writer-idle event finds the last read older than I + T").isFalse();
        assertThat(recording.count(PeerEvents.RECONNECT_SCHEDULED)).isEqualTo(1);
    }

    @Test
    void knownBadNeverPingWritesNothing() {
        EmbeddedChannel channel = connect(Set.of(KnownBad.NEVER_PING));
        time.advance(PARAMS.interval().multipliedBy(5));
        assertThat(Lines.sent(channel)).isEmpty();
        channel.finishAndReleaseAll();
    }
}
