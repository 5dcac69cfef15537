package io.heartbeatharness.proxy.toxics;

import io.netty.channel.ChannelFuture;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BandwidthToxicTests {
    /** 1 KB/s is one byte per millisecond, which keeps the arithmetic below readable. */
    private static final long RATE = 1;

    private static String bytes(int count) {
        return "x".repeat(count);
    }

    @Test
    void deliversAChunkOnceItsTransmissionTimeHasPassed() {
        ToxicChannel channel = new ToxicChannel(new BandwidthToxic(RATE));
        channel.write(bytes(50));
        channel.advanceMillis(49);
        assertThat(channel.sent()).isEmpty();
        channel.advanceMillis(1);
        assertThat(channel.sent()).hasSize(50);
    }

    @Test
    void deliversLargeChunksInHundredMillisecondPieces() {
        ToxicChannel channel = new ToxicChannel(new BandwidthToxic(RATE));
        channel.write(bytes(250));
        channel.advanceMillis(100);
        assertThat(channel.chunks()).containsExactly(bytes(100));
        channel.advanceMillis(100);
        assertThat(channel.chunks()).containsExactly(bytes(100));
        channel.advanceMillis(50);
        assertThat(channel.chunks()).containsExactly(bytes(50));
    }

    @Test
    void backToBackChunksShareTheRate() {
        ToxicChannel channel = new ToxicChannel(new BandwidthToxic(RATE));
        channel.write(bytes(40));
        channel.write(bytes(40));
        channel.advanceMillis(40);
        assertThat(channel.sent()).hasSize(40);
        channel.advanceMillis(39);
        assertThat(channel.sent()).isEmpty();
        channel.advanceMillis(1);
        assertThat(channel.sent()).hasSize(40);
    }

    @Test
    void holdsTheWriterOnceAChunkIsWaiting() {
        ToxicChannel channel = new ToxicChannel(new BandwidthToxic(RATE));
        ChannelFuture first = channel.write(bytes(10));
        ChannelFuture second = channel.write(bytes(10));
        assertThat(first.isSuccess()).isTrue();
        assertThat(second.isDone()).isFalse();
        channel.advanceMillis(20);
        assertThat(second.isSuccess()).isTrue();
    }

    @Test
    void zeroRateHoldsBytesAndTheCloseUntilTheToxicGoes() {
        ToxicChannel channel = new ToxicChannel(new BandwidthToxic(0));
        channel.write("held");
        channel.close();
        channel.advance(Duration.ofHours(1));
        assertThat(channel.sent()).isEmpty();
        assertThat(channel.open()).isTrue();
        channel.remove();
        assertThat(channel.sent()).isEqualTo("held");
        assertThat(channel.open()).isFalse();
    }

    @Test
    void raisingTheRateReleasesHeldBytesSooner() {
        ToxicChannel channel = new ToxicChannel(new BandwidthToxic(0));
        channel.write(bytes(100));
        channel.handler.update(new BandwidthToxic(100), true);
        channel.advanceMillis(1);
        assertThat(channel.sent()).hasSize(100);
    }

    @Test
    void passesTheEndOfTheStreamOnAfterTheBytes() {
        ToxicChannel channel = new ToxicChannel(new BandwidthToxic(RATE));
        channel.write(bytes(30));
        channel.close();
        assertThat(channel.open()).isTrue();
        channel.advanceMillis(30);
        assertThat(channel.sent()).hasSize(30);
        assertThat(channel.open()).isFalse();
    }
}
