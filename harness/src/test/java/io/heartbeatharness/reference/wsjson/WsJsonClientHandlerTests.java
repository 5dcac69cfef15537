package io.heartbeatharness.reference.wsjson;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.ClientConfig;
import io.heartbeatharness.reference.EventLog;
import io.heartbeatharness.reference.RecordingLog;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class WsJsonClientHandlerTests {
    private static final HeartbeatParams PARAMS = HeartbeatParams.SEED_000;
    private final RecordingLog recording = new RecordingLog();
    private final AtomicInteger reconnects = new AtomicInteger();

    private EmbeddedChannel connected() {
        EmbeddedChannel channel = new EmbeddedChannel(new WsJsonClientHandler(ClientConfig.loopback(8080, PARAMS),
                recording.log(), () -> { }, reconnects::incrementAndGet, 0));
        channel.freezeTime();
        channel.pipeline().fireUserEventTriggered(WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE);
        return channel;
    }

    private static void advance(EmbeddedChannel channel, Duration by) {
        channel.advanceTimeBy(by.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void answersEveryPingWithAPong() {
        EmbeddedChannel channel = connected();
        channel.writeInbound(new TextWebSocketFrame(WsJsonMessages.PING));
        TextWebSocketFrame pong = channel.readOutbound();
        assertThat(pong.text()).isEqualTo(WsJsonMessages.PONG);
        pong.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void declaresTheServerDeadAfterIntervalPlusTimeoutOfSilenceAndReconnects() {
        EmbeddedChannel channel = connected();
        advance(channel, PARAMS.interval().plus(PARAMS.timeout()).minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        advance(channel, Duration.ofMillis(1));
        assertThat(channel.isOpen()).isFalse();
        assertThat(recording.events()).contains(EventLog.PEER_DEAD, EventLog.CLOSED);
        assertThat(reconnects).hasValue(1);
    }

    @Test
    void eachPingRestartsTheSilenceWatch() {
        EmbeddedChannel channel = connected();
        for (int i = 0; i < 4; i++) {
            advance(channel, PARAMS.interval());
            channel.writeInbound(new TextWebSocketFrame(WsJsonMessages.PING));
        }
        advance(channel, PARAMS.interval().plus(PARAMS.timeout()).minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void anyCloseOfTheChannelAsksForAReconnect() {
        EmbeddedChannel channel = connected();
        channel.close();
        assertThat(reconnects).hasValue(1);
    }
}
