package io.heartbeatharness.reference.line;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.DeclaredParams;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.Lines;
import io.heartbeatharness.reference.RecordingLog;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.reference.VirtualTime;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LineServerHandlerTests {
    /** Seed 001: I + T = 55 s of allowed silence, a sweep every 10 s. */
    private static final HeartbeatParams PARAMS = DeclaredParams.LINE;
    private static final Duration ALLOWANCE = PARAMS.interval().plus(PARAMS.timeout());
    private final RecordingLog recording = new RecordingLog();
    private final VirtualTime time = new VirtualTime();

    /** A server whose sweep started now (as a Workerman worker's timer starts with the worker). */
    private EmbeddedChannel connect(HeartbeatParams params, Set<KnownBad> flaws) {
        ServerConfig config = ServerConfig.loopback(params).withFlaws(flaws);
        Duration sweep = LineServer.sweepPeriod(config);
        LineSweeper sweeper = sweep.isZero() ? null : LineSweeper.start(time.executor(), sweep, LineServer.allowance(params));
        return time.channel(new LineServerInitializer(config, recording.log(), sweeper));
    }

    @Test
    void answersPingWithPongAndEchoesAnythingElse() {
        EmbeddedChannel channel = connect(PARAMS, Set.of());
        Lines.receive(channel, "ping");
        Lines.receive(channel, "hello");
        assertThat(Lines.sent(channel)).containsExactly("pong", "hello");
        assertThat(recording.events()).containsSubsequence(PeerEvents.CONNECTED, PeerEvents.PING_RECEIVED, PeerEvents.PONG_SENT);
        channel.finishAndReleaseAll();
    }

    @ParameterizedTest(name = "last message {0} ms into a sweep period")
    @ValueSource(longs = {0, 1, 5000, 9999})
    void aSweepClosesAConnectionSilentLongerThanIntervalPlusTimeoutWithinOneSweepPeriod(long phaseMs) {
        EmbeddedChannel channel = connect(PARAMS, Set.of());
        time.advance(PARAMS.sweepPeriod().plusMillis(phaseMs));
        Lines.receive(channel, "ping");
        Lines.sent(channel);
        time.advance(ALLOWANCE);
        assertThat(channel.isOpen()).as("silent for exactly I + T: not yet").isTrue();
        time.advance(PARAMS.sweepPeriod());
        assertThat(channel.isOpen()).as("closed by the first sweep after I + T, at most P later").isFalse();
        assertThat(recording.events()).containsSubsequence(PeerEvents.PEER_DEAD, PeerEvents.CLOSED);
        assertThat(recording.last(PeerEvents.PEER_DEAD).get("silent_ms").asLong())
                .isGreaterThan(ALLOWANCE.toMillis()).isLessThanOrEqualTo(ALLOWANCE.plus(PARAMS.sweepPeriod()).toMillis());
        assertThat(recording.last(PeerEvents.CLOSED).get("by").asText()).isEqualTo("self");
    }

    @Test
    void anyMessageCountsAsASignOfLife() {
        EmbeddedChannel channel = connect(PARAMS, Set.of());
        for (int beat = 0; beat < 10; beat++) {
            time.advance(PARAMS.interval());
            Lines.receive(channel, beat % 2 == 0 ? "ping" : "some data");
        }
        time.advance(ALLOWANCE);
        assertThat(channel.isOpen()).isTrue();
        assertThat(recording.events()).doesNotContain(PeerEvents.PEER_DEAD);
        channel.finishAndReleaseAll();
    }

    @Test
    void withoutASweepPeriodTheServerClosesExactlyAtIntervalPlusTimeout() {
        EmbeddedChannel channel = connect(PARAMS.withSweepPeriod(Duration.ZERO), Set.of());
        Lines.receive(channel, "ping");
        time.advance(ALLOWANCE.minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        time.advance(Duration.ofMillis(1));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void knownBadSweepEqualsIntervalStillHoldsTheDeadConnectionWhenTheBudgetRunsOut() {
        ServerConfig flawed = ServerConfig.loopback(PARAMS).withFlaws(Set.of(KnownBad.SWEEP_EQUALS_INTERVAL));
        assertThat(LineServer.sweepPeriod(flawed)).isEqualTo(PARAMS.interval());
        EmbeddedChannel channel = connect(PARAMS, Set.of(KnownBad.SWEEP_EQUALS_INTERVAL));
        Lines.receive(channel, "ping");
        time.advance(ALLOWANCE.plus(PARAMS.sweepPeriod()));
        assertThat(channel.isOpen()).as("past I + T + P and still open").isTrue();
        time.advance(PARAMS.interval().minus(PARAMS.sweepPeriod()));
        assertThat(channel.isOpen()).as("closed only by the sweep after that, up to I late").isFalse();
    }

    @Test
    void knownBadNeverCloseDeclaresThePeerDeadOnceAndKeepsTheConnection() {
        EmbeddedChannel channel = connect(PARAMS, Set.of(KnownBad.NEVER_CLOSE));
        time.advance(ALLOWANCE.multipliedBy(3));
        assertThat(recording.count(PeerEvents.PEER_DEAD)).isEqualTo(1);
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }
}
