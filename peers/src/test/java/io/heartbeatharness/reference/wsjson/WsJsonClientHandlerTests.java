package io.heartbeatharness.reference.wsjson;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.RecordingLog;
import io.heartbeatharness.reference.VirtualTime;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WsJsonClientHandlerTests {
    private static final HeartbeatParams PARAMS = HeartbeatParams.SEED_000;
    private final RecordingLog recording = new RecordingLog();
    private final VirtualTime time = new VirtualTime();

    private EmbeddedChannel connected(Set<KnownBad> flaws) {
        ClientConfig config = ClientConfig.loopback(8080, PARAMS).withFlaws(flaws);
        time.slot(recording.log(), config);
        EmbeddedChannel channel = time.channel(new WsJsonClientHandler(config, recording.log(), time.attempt()));
        channel.pipeline().fireUserEventTriggered(WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE);
        return channel;
    }

    @Test
    void answersEveryPingWithAPong() {
        EmbeddedChannel channel = connected(Set.of());
        channel.writeInbound(new TextWebSocketFrame(WsJsonMessages.PING));
        TextWebSocketFrame pong = channel.readOutbound();
        assertThat(pong.text()).isEqualTo(WsJsonMessages.PONG);
        pong.release();
        assertThat(recording.events()).containsSubsequence(PeerEvents.CONNECTED, PeerEvents.PING_RECEIVED, PeerEvents.PONG_SENT);
        channel.finishAndReleaseAll();
    }

    @Test
    void declaresTheServerDeadAfterIntervalPlusTimeoutOfSilenceAndReconnects() {
        EmbeddedChannel channel = connected(Set.of());
        time.advance(PARAMS.interval().plus(PARAMS.timeout()).minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        time.advance(Duration.ofMillis(1));
        assertThat(channel.isOpen()).isFalse();
        assertThat(recording.events()).containsSubsequence(PeerEvents.PEER_DEAD, PeerEvents.CLOSED, PeerEvents.RECONNECT_SCHEDULED);
        assertThat(recording.last(PeerEvents.CLOSED).get("by").asText()).isEqualTo("self");
    }

    @Test
    void eachPingRestartsTheSilenceWatch() {
        EmbeddedChannel channel = connected(Set.of());
        for (int i = 0; i < 4; i++) {
            time.advance(PARAMS.interval());
            channel.writeInbound(new TextWebSocketFrame(WsJsonMessages.PING));
        }
        time.advance(PARAMS.interval().plus(PARAMS.timeout()).minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void anyCloseOfTheChannelSchedulesAReconnectWithinTheBackoffCap() {
        EmbeddedChannel channel = connected(Set.of());
        channel.close();
        assertThat(recording.count(PeerEvents.RECONNECT_SCHEDULED)).isEqualTo(1);
        assertThat(recording.last(PeerEvents.RECONNECT_SCHEDULED).get("delay_ms").asLong())
                .isBetween(0L, PARAMS.backoffInitial().toMillis());
        time.advance(PARAMS.backoffInitial());
        assertThat(time.connects()).isEqualTo(2);
    }

    @Test
    void aCloseFrameIsLoggedWithItsCodeAndAnswered() {
        EmbeddedChannel channel = connected(Set.of());
        channel.writeInbound(new CloseWebSocketFrame(4000, "heartbeat timeout"));
        CloseWebSocketFrame answer = channel.readOutbound();
        assertThat(answer.statusCode()).isEqualTo(4000);
        answer.release();
        assertThat(recording.last(PeerEvents.CLOSED).get("code").asInt()).isEqualTo(4000);
        assertThat(recording.last(PeerEvents.CLOSED).get("by").asText()).isEqualTo("peer");
        assertThat(channel.isOpen()).isFalse();
        assertThat(recording.count(PeerEvents.RECONNECT_SCHEDULED)).isEqualTo(1);
    }

    @Test
    void knownBadNeverPingLeavesPingsUnanswered() {
        EmbeddedChannel channel = connected(Set.of(KnownBad.NEVER_PING));
        channel.writeInbound(new TextWebSocketFrame(WsJsonMessages.PING));
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(recording.events()).contains(PeerEvents.PING_RECEIVED).doesNotContain(PeerEvents.PONG_SENT);
        channel.finishAndReleaseAll();
    }
}
