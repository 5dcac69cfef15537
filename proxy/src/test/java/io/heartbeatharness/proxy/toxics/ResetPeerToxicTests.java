package io.heartbeatharness.proxy.toxics;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ResetPeerToxicTests {
    private static final long TIMEOUT = 200;

    @Test
    void waitsForTheFirstBytesBeforeCountingDown() {
        ToxicChannel channel = new ToxicChannel(new ResetPeerToxic(TIMEOUT));
        channel.advance(Duration.ofHours(1));
        assertThat(channel.controlCalls).isEmpty();
        assertThat(channel.open()).isTrue();
    }

    @Test
    void resetsTheConnectionTimeoutAfterTheFirstBytesAndDropsThem() {
        ToxicChannel channel = new ToxicChannel(new ResetPeerToxic(TIMEOUT));
        ByteBuf data = ToxicChannel.bytes("request");
        channel.write(data);
        assertThat(data.refCnt()).isZero();
        channel.advanceMillis(TIMEOUT - 1);
        assertThat(channel.controlCalls).isEmpty();
        channel.advanceMillis(1);
        assertThat(channel.controlCalls).containsExactly("reset reset_peer toxic");
        assertThat(channel.sent()).isEmpty();
    }

    @Test
    void zeroResetsAtOnce() {
        ToxicChannel channel = new ToxicChannel(new ResetPeerToxic(0));
        channel.write("request");
        assertThat(channel.controlCalls).containsExactly("reset reset_peer toxic");
    }

    @Test
    void theEndOfTheStreamAlsoStartsTheCountdownAndBecomesAReset() {
        ToxicChannel channel = new ToxicChannel(new ResetPeerToxic(TIMEOUT));
        channel.close();
        assertThat(channel.open()).isTrue();
        channel.advanceMillis(TIMEOUT);
        assertThat(channel.controlCalls).containsExactly("reset reset_peer toxic");
        assertThat(channel.open()).isFalse();
    }

    @Test
    void removalCancelsAPendingReset() {
        ToxicChannel channel = new ToxicChannel(new ResetPeerToxic(TIMEOUT));
        channel.write("request");
        channel.remove();
        channel.advanceMillis(TIMEOUT * 2);
        assertThat(channel.controlCalls).isEmpty();
        assertThat(channel.open()).isTrue();
    }
}
