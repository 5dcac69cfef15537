package io.heartbeatharness.reference.idle;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.DeclaredParams;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.Lines;
import io.heartbeatharness.reference.RecordingLog;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.reference.VirtualTime;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IdleServerHandlerTests {
    /** Seed 004: writer-idle I 10 s on the client, T 5 s, so the server's reader-idle time is 15 s. */
    private static final HeartbeatParams PARAMS = DeclaredParams.IDLE;
    private static final Duration READER_IDLE = PARAMS.interval().plus(PARAMS.timeout());
    private final RecordingLog recording = new RecordingLog();
    private final VirtualTime time = new VirtualTime();

    private EmbeddedChannel connect(Set<KnownBad> flaws) {
        return time.channel(new IdleServerInitializer(ServerConfig.loopback(PARAMS).withFlaws(flaws), recording.log()));
    }

    @Test
    void closesExactlyWhenNothingWasReadForIntervalPlusTimeout() {
        EmbeddedChannel channel = connect(Set.of());
        Lines.receive(channel, "ping");
        time.advance(READER_IDLE.minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        time.advance(Duration.ofMillis(1));
        assertThat(channel.isOpen()).isFalse();
        assertThat(recording.last(PeerEvents.PEER_DEAD).get("reason").asText()).contains("reader idle");
        assertThat(recording.last(PeerEvents.CLOSED).get("by").asText()).isEqualTo("self");
    }

    @Test
    void aPingEveryIntervalKeepsTheConnectionAndIsAnswered() {
        EmbeddedChannel channel = connect(Set.of());
        for (int beat = 0; beat < 10; beat++) {
            time.advance(PARAMS.interval());
            Lines.receive(channel, "ping");
            assertThat(Lines.sent(channel)).containsExactly("pong");
        }
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void knownBadNeverCloseDeclaresThePeerDeadOnceAndKeepsTheConnection() {
        EmbeddedChannel channel = connect(Set.of(KnownBad.NEVER_CLOSE));
        time.advance(READER_IDLE.multipliedBy(4));
        assertThat(recording.count(PeerEvents.PEER_DEAD)).isEqualTo(1);
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }
}
