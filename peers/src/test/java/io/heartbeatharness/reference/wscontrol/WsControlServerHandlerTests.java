package io.heartbeatharness.reference.wscontrol;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.DeclaredParams;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.RecordingLog;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.reference.VirtualTime;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WsControlServerHandlerTests {
    private static final HeartbeatParams PARAMS = DeclaredParams.WS_CONTROL;
    private final RecordingLog recording = new RecordingLog();
    private final VirtualTime time = new VirtualTime();

    private EmbeddedChannel connected(HeartbeatParams params, Set<KnownBad> flaws) {
        EmbeddedChannel channel = time.channel(
                new WsControlServerHandler(ServerConfig.loopback(params).withFlaws(flaws), recording.log()));
        channel.pipeline().fireUserEventTriggered(
                new WebSocketServerProtocolHandler.HandshakeComplete("/ws", new DefaultHttpHeaders(), null));
        return channel;
    }

    private static long pingSequence(EmbeddedChannel channel) {
        PingWebSocketFrame ping = channel.readOutbound();
        try {
            return ping.content().getLong(0);
        } finally {
            ping.release();
        }
    }

    private static void drain(EmbeddedChannel channel) {
        Object out;
        while ((out = channel.readOutbound()) != null) {
            ReferenceCountUtil.release(out);
        }
    }

    @Test
    void sendsAPingControlFrameEveryIntervalWithASequenceNumber() {
        EmbeddedChannel channel = connected(PARAMS, Set.of());
        time.advance(PARAMS.interval().minusMillis(1));
        assertThat((Object) channel.readOutbound()).isNull();
        time.advance(Duration.ofMillis(1));
        assertThat(pingSequence(channel)).isEqualTo(1);
        channel.writeInbound(new PongWebSocketFrame(Unpooled.copyLong(1)));
        time.advance(PARAMS.interval());
        assertThat(pingSequence(channel)).isEqualTo(2);
        assertThat(recording.last(PeerEvents.PONG_RECEIVED).get("seq").asLong()).isEqualTo(1);
        channel.finishAndReleaseAll();
    }

    @Test
    void closesWithGoingAwayExactlyTimeoutAfterAnUnansweredPing() {
        EmbeddedChannel channel = connected(PARAMS, Set.of());
        time.advance(PARAMS.interval());
        drain(channel);
        time.advance(PARAMS.timeout().minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        time.advance(Duration.ofMillis(1));
        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1001).isEqualTo(PARAMS.closeCode());
        assertThat(close.reasonText()).isEqualTo(PARAMS.closeReason());
        close.release();
        assertThat(channel.isOpen()).isFalse();
        assertThat(recording.events()).containsSubsequence(PeerEvents.PING_SENT, PeerEvents.PEER_DEAD, PeerEvents.CLOSED);
        assertThat(recording.last(PeerEvents.CLOSED).get("code").asInt()).isEqualTo(1001);
        assertThat(recording.last(PeerEvents.CLOSED).get("by").asText()).isEqualTo("self");
    }

    @Test
    void usesTheConfiguredCloseCode() {
        EmbeddedChannel channel = connected(PARAMS.withClose(4000, "heartbeat timeout"), Set.of());
        time.advance(PARAMS.interval().plus(PARAMS.timeout()));
        drain(channel);
        assertThat(recording.last(PeerEvents.CLOSED).get("code").asInt()).isEqualTo(4000);
    }

    @Test
    void aPongInTimeKeepsTheConnectionForManyIntervals() {
        EmbeddedChannel channel = connected(PARAMS, Set.of());
        for (int beat = 0; beat < 10; beat++) {
            // Up to the next ping: a whole interval after connecting, then the rest of the interval.
            time.advance(beat == 0 ? PARAMS.interval() : PARAMS.interval().minus(PARAMS.timeout()));
            long seq = pingSequence(channel);
            time.advance(PARAMS.timeout().minusMillis(1));
            channel.writeInbound(new PongWebSocketFrame(Unpooled.copyLong(seq)));
            time.advance(Duration.ofMillis(1));
        }
        assertThat(channel.isOpen()).isTrue();
        assertThat(recording.events()).doesNotContain(PeerEvents.PEER_DEAD);
        channel.finishAndReleaseAll();
    }

    @Test
    void knownBadNeverCloseDeclaresThePeerDeadButKeepsTheConnection() {
        EmbeddedChannel channel = connected(PARAMS, Set.of(KnownBad.NEVER_CLOSE));
        time.advance(PARAMS.interval().plus(PARAMS.timeout()).multipliedBy(3));
        drain(channel);
        assertThat(recording.count(PeerEvents.PEER_DEAD)).isEqualTo(1);
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }
}
