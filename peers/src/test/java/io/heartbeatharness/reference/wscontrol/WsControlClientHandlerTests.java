package io.heartbeatharness.reference.wscontrol;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.DeclaredParams;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.RecordingLog;
import io.heartbeatharness.reference.VirtualTime;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WsControlClientHandlerTests {
    private static final HeartbeatParams PARAMS = DeclaredParams.WS_CONTROL;
    private final RecordingLog recording = new RecordingLog();
    private final VirtualTime time = new VirtualTime();

    private EmbeddedChannel connected(Set<KnownBad> flaws) {
        ClientConfig config = ClientConfig.loopback(8080, PARAMS).withFlaws(flaws);
        time.slot(recording.log(), config);
        EmbeddedChannel channel = time.channel(new WsControlClientHandler(config, recording.log(), time.attempt()));
        channel.pipeline().fireUserEventTriggered(WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE);
        return channel;
    }

    @Test
    void answersAPingWithAPongCarryingTheSamePayload() {
        EmbeddedChannel channel = connected(Set.of());
        channel.writeInbound(new PingWebSocketFrame(Unpooled.copyLong(7)));
        PongWebSocketFrame pong = channel.readOutbound();
        assertThat(pong.content().getLong(0)).isEqualTo(7);
        pong.release();
        assertThat(recording.last(PeerEvents.PONG_SENT).get("seq").asLong()).isEqualTo(7);
        channel.finishAndReleaseAll();
    }

    @Test
    void declaresTheServerDeadAfterIntervalPlusTimeoutWithoutAPingAndReconnects() {
        EmbeddedChannel channel = connected(Set.of());
        time.advance(PARAMS.interval());
        channel.writeInbound(new PingWebSocketFrame(Unpooled.copyLong(1)));
        ReferenceCountUtil.release(channel.readOutbound());
        time.advance(PARAMS.interval().plus(PARAMS.timeout()).minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        time.advance(Duration.ofMillis(1));
        assertThat(channel.isOpen()).isFalse();
        assertThat(recording.events()).containsSubsequence(PeerEvents.PEER_DEAD, PeerEvents.CLOSED, PeerEvents.RECONNECT_SCHEDULED);
        assertThat(recording.last(PeerEvents.RECONNECT_SCHEDULED).get("delay_ms").asLong())
                .isBetween(0L, PARAMS.backoffInitial().toMillis());
    }

    @Test
    void aCloseFrameIsLoggedWithItsCodeAndAReconnectFollows() {
        EmbeddedChannel channel = connected(Set.of());
        channel.writeInbound(new CloseWebSocketFrame(1001, "heartbeat timeout"));
        CloseWebSocketFrame answer = channel.readOutbound();
        assertThat(answer.statusCode()).isEqualTo(1001);
        answer.release();
        assertThat(recording.last(PeerEvents.CLOSED).get("code").asInt()).isEqualTo(1001);
        assertThat(recording.count(PeerEvents.CLOSED)).isEqualTo(1);
        assertThat(recording.count(PeerEvents.RECONNECT_SCHEDULED)).isEqualTo(1);
        time.advance(PARAMS.backoffInitial());
        assertThat(time.connects()).isEqualTo(2);
    }

    @Test
    void knownBadNeverPingLeavesPingsUnanswered() {
        EmbeddedChannel channel = connected(Set.of(KnownBad.NEVER_PING));
        channel.writeInbound(new PingWebSocketFrame(Unpooled.copyLong(1)));
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(recording.events()).contains(PeerEvents.PING_RECEIVED).doesNotContain(PeerEvents.PONG_SENT);
        channel.finishAndReleaseAll();
    }

    @Test
    void theProtocolHandlerPassesPingsOnInsteadOfAnsweringThem() {
        EmbeddedChannel channel = time.channel(new HttpClientCodec(), new PingPassingClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(URI.create("ws://127.0.0.1:8080/ws")).build()));
        Object handshakeRequest;
        while ((handshakeRequest = channel.readOutbound()) != null) {
            ReferenceCountUtil.release(handshakeRequest);
        }
        channel.writeInbound(new PingWebSocketFrame(Unpooled.copyLong(3)));
        PingWebSocketFrame passed = channel.readInbound();
        assertThat(passed.content().getLong(0)).isEqualTo(3);
        passed.release();
        assertThat((Object) channel.readOutbound()).as("no automatic Pong").isNull();
        channel.finishAndReleaseAll();
    }
}
