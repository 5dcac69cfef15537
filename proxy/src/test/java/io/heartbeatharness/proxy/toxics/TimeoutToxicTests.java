package io.heartbeatharness.proxy.toxics;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TimeoutToxicTests {
    private static final long TIMEOUT = 1000;

    @Test
    void dropsEveryByteWithoutHoldingTheWriter() {
        ToxicChannel channel = new ToxicChannel(new TimeoutToxic(TIMEOUT));
        ByteBuf data = ToxicChannel.bytes("gone");
        ChannelFuture write = channel.write(data);
        assertThat(write.isSuccess()).isTrue();
        assertThat(data.refCnt()).isZero();
        assertThat(channel.sent()).isEmpty();
    }

    @Test
    void closesTheConnectionAfterTimeoutOfSilence() {
        ToxicChannel channel = new ToxicChannel(new TimeoutToxic(TIMEOUT));
        channel.advanceMillis(TIMEOUT - 1);
        assertThat(channel.open()).isTrue();
        channel.advanceMillis(1);
        assertThat(channel.open()).isFalse();
        assertThat(channel.controlCalls).containsExactly("close timeout toxic");
    }

    @Test
    void everyArrivingChunkRestartsTheTimer() {
        ToxicChannel channel = new ToxicChannel(new TimeoutToxic(TIMEOUT));
        channel.advanceMillis(TIMEOUT - 1);
        channel.write("ping");
        channel.advanceMillis(TIMEOUT - 1);
        assertThat(channel.open()).isTrue();
        channel.advanceMillis(1);
        assertThat(channel.open()).isFalse();
    }

    @Test
    void zeroDropsForeverAndNeverCloses() {
        ToxicChannel channel = new ToxicChannel(new TimeoutToxic(0));
        channel.write("gone");
        channel.advance(Duration.ofDays(1));
        assertThat(channel.open()).isTrue();
        assertThat(channel.sent()).isEmpty();
    }

    @Test
    void removingItClosesTheConnection() {
        ToxicChannel channel = new ToxicChannel(new TimeoutToxic(0));
        channel.remove();
        assertThat(channel.open()).isFalse();
        assertThat(channel.controlCalls).containsExactly("closeConnection timeout toxic removed");
    }

    @Test
    void swallowsTheEndOfTheStreamUntilRemoved() {
        ToxicChannel channel = new ToxicChannel(new TimeoutToxic(TIMEOUT));
        channel.close();
        channel.advanceMillis(TIMEOUT * 10);
        assertThat(channel.open()).isTrue();
        channel.remove();
        assertThat(channel.open()).isFalse();
    }

    @Test
    void anUpdateRestartsTheTimerWithTheNewTimeout() {
        ToxicChannel channel = new ToxicChannel(new TimeoutToxic(TIMEOUT));
        channel.advanceMillis(TIMEOUT / 2);
        channel.handler.update(new TimeoutToxic(TIMEOUT * 2), true);
        channel.advanceMillis(TIMEOUT * 2 - 1);
        assertThat(channel.open()).isTrue();
        channel.advanceMillis(1);
        assertThat(channel.open()).isFalse();
    }
}
