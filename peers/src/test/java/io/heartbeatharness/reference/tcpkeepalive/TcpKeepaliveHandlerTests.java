package io.heartbeatharness.reference.tcpkeepalive;

import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.DeclaredParams;
import io.heartbeatharness.reference.RecordingLog;
import io.heartbeatharness.reference.VirtualTime;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TcpKeepaliveHandlerTests {
    private final RecordingLog recording = new RecordingLog();
    private final VirtualTime time = new VirtualTime();

    private EmbeddedChannel client() {
        ClientConfig config = ClientConfig.loopback(8080, DeclaredParams.TCP_KEEPALIVE);
        time.slot(recording.log(), config);
        return time.channel(new TcpKeepaliveClientInitializer(recording.log(), time.attempt()));
    }

    @Test
    void theClientTurnsTheKernelsTimeoutIntoAPeerDeadEventAndReconnects() {
        EmbeddedChannel channel = client();
        channel.pipeline().fireExceptionCaught(new IOException("Connection timed out"));
        assertThat(channel.isOpen()).isFalse();
        assertThat(recording.last(PeerEvents.PEER_DEAD).get("reason").asText()).isEqualTo("kernel: Connection timed out");
        assertThat(recording.last(PeerEvents.CLOSED).get("by").asText()).isEqualTo("kernel");
        assertThat(recording.count(PeerEvents.RECONNECT_SCHEDULED)).isEqualTo(1);
        time.advance(DeclaredParams.TCP_KEEPALIVE.backoffInitial());
        assertThat(time.connects()).isEqualTo(2);
    }

    @Test
    void theClientReconnectsWhenTheServerCloses() {
        EmbeddedChannel channel = client();
        channel.close();
        assertThat(recording.events()).containsSubsequence(PeerEvents.CONNECTED, PeerEvents.CLOSED, PeerEvents.RECONNECT_SCHEDULED);
    }

    @Test
    void theServerEchoesAndClosesWhenTheKernelGivesUp() {
        EmbeddedChannel channel = time.channel(new TcpKeepaliveServerInitializer(recording.log()));
        channel.writeInbound(Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8));
        ByteBuf echoed = channel.readOutbound();
        assertThat(echoed.toString(StandardCharsets.UTF_8)).isEqualTo("hello");
        echoed.release();
        channel.pipeline().fireExceptionCaught(new IOException("Connection timed out"));
        assertThat(channel.isOpen()).isFalse();
        assertThat(recording.events()).containsSubsequence(PeerEvents.CONNECTED, PeerEvents.PEER_DEAD, PeerEvents.CLOSED);
    }
}
