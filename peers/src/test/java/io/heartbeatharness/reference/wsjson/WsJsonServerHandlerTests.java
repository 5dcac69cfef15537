package io.heartbeatharness.reference.wsjson;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.RecordingLog;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WsJsonServerHandlerTests {
    private static final HeartbeatParams PARAMS = HeartbeatParams.SEED_000;
    private final RecordingLog recording = new RecordingLog();

    private EmbeddedChannel connected(Set<KnownBad> flaws) {
        EmbeddedChannel channel = new EmbeddedChannel(
                new WsJsonServerHandler(ServerConfig.loopback(PARAMS).withFlaws(flaws), recording.log()));
        channel.freezeTime();
        channel.pipeline().fireUserEventTriggered(
                new WebSocketServerProtocolHandler.HandshakeComplete("/ws", new DefaultHttpHeaders(), null));
        return channel;
    }

    private static void advance(EmbeddedChannel channel, Duration by) {
        channel.advanceTimeBy(by.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void pingsAfterOneInterval() {
        EmbeddedChannel channel = connected(Set.of());
        advance(channel, PARAMS.interval().minusMillis(1));
        assertThat((Object) channel.readOutbound()).isNull();
        advance(channel, Duration.ofMillis(1));
        TextWebSocketFrame ping = channel.readOutbound();
        assertThat(ping.text()).isEqualTo(WsJsonMessages.PING);
        ping.release();
    }

    @Test
    void closesWithDeclaredCodeExactlyTimeoutAfterAnUnansweredPing() {
        EmbeddedChannel channel = connected(Set.of());
        advance(channel, PARAMS.interval());
        ((TextWebSocketFrame) channel.readOutbound()).release();
        advance(channel, PARAMS.timeout().minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        advance(channel, Duration.ofMillis(1));
        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(PARAMS.closeCode());
        assertThat(close.reasonText()).isEqualTo(PARAMS.closeReason());
        close.release();
        assertThat(channel.isOpen()).isFalse();
        assertThat(recording.events()).contains(PeerEvents.PEER_DEAD, PeerEvents.CLOSED);
        assertThat(recording.last(PeerEvents.CLOSED).get("code").asInt()).isEqualTo(PARAMS.closeCode());
    }

    @Test
    void aPongInTimeKeepsTheConnection() {
        EmbeddedChannel channel = connected(Set.of());
        for (int beat = 0; beat < 5; beat++) {
            advance(channel, PARAMS.interval().minus(PARAMS.timeout()));
            advance(channel, PARAMS.timeout());
            Object out;
            while ((out = channel.readOutbound()) != null) {
                io.netty.util.ReferenceCountUtil.release(out);
            }
            channel.writeInbound(new TextWebSocketFrame(WsJsonMessages.PONG));
        }
        advance(channel, PARAMS.timeout().minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        assertThat(recording.events()).doesNotContain(PeerEvents.PEER_DEAD);
        channel.finishAndReleaseAll();
    }

    @Test
    void knownBadNeverCloseDeclaresThePeerDeadButKeepsTheConnection() {
        EmbeddedChannel channel = connected(Set.of(KnownBad.NEVER_CLOSE));
        for (int beat = 0; beat < 3; beat++) {
            advance(channel, PARAMS.interval());
            advance(channel, PARAMS.timeout());
        }
        assertThat(recording.events()).contains(PeerEvents.PEER_DEAD);
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }
}
