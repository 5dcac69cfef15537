package io.heartbeatharness.reference.socketio;

import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.DeclaredParams;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Engine.IO 4's server side on virtual time: the open packet, pings every pingInterval, the pingTimeout. */
class SocketIoServerHandlerTests {
    private static final HeartbeatParams PARAMS = DeclaredParams.SOCKET_IO;
    private final RecordingLog recording = new RecordingLog();

    private EmbeddedChannel connected(ServerConfig config) {
        EmbeddedChannel channel = new EmbeddedChannel(new SocketIoServerHandler(config, recording.log()));
        channel.freezeTime();
        channel.pipeline().fireUserEventTriggered(
                new WebSocketServerProtocolHandler.HandshakeComplete("/socket.io/", new DefaultHttpHeaders(), null));
        return channel;
    }

    private static void advance(EmbeddedChannel channel, Duration by) {
        channel.advanceTimeBy(by.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    private static String text(EmbeddedChannel channel) {
        TextWebSocketFrame frame = channel.readOutbound();
        try {
            return frame.text();
        } finally {
            frame.release();
        }
    }

    @Test
    void theOpenPacketAnnouncesTheHeartbeatTheServerKeeps() {
        EmbeddedChannel channel = connected(ServerConfig.loopback(PARAMS));
        assertThat(text(channel)).startsWith("0{\"sid\":\"").contains("\"pingInterval\":25000", "\"pingTimeout\":20000");
        channel.writeInbound(new TextWebSocketFrame("40"));
        assertThat(text(channel)).startsWith("40{\"sid\":\"");
    }

    @Test
    void pingsEveryIntervalAndClosesWhenNoPongCameWithinTheTimeout() {
        EmbeddedChannel channel = connected(ServerConfig.loopback(PARAMS));
        text(channel);
        advance(channel, PARAMS.interval());
        assertThat(text(channel)).isEqualTo("2");
        channel.writeInbound(new TextWebSocketFrame("3"));
        advance(channel, PARAMS.interval());
        assertThat(text(channel)).isEqualTo("2");
        advance(channel, PARAMS.timeout().minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        advance(channel, Duration.ofMillis(1));
        CloseWebSocketFrame close = channel.readOutbound();
        close.release();
        assertThat(channel.isOpen()).isFalse();
        assertThat(recording.events()).contains(PeerEvents.PONG_RECEIVED, PeerEvents.PEER_DEAD, PeerEvents.CLOSED);
    }

    @Test
    void whereOnlyTheClientPingsTheServerAnswersAndNeverPings() {
        EmbeddedChannel channel = connected(ServerConfig.loopback(PARAMS).withPings(HeartbeatModel.Pingers.CLIENT));
        text(channel);
        channel.writeInbound(new TextWebSocketFrame("2"));
        assertThat(text(channel)).isEqualTo("3");
        advance(channel, PARAMS.interval().plus(PARAMS.timeout()).minusMillis(1));
        assertThat((Object) channel.readOutbound()).as("no ping of its own").isNull();
        assertThat(channel.isOpen()).isTrue();
        assertThat(recording.events()).contains(PeerEvents.PING_RECEIVED, PeerEvents.PONG_SENT);
    }
}
