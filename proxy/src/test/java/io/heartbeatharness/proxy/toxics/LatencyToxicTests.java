package io.heartbeatharness.proxy.toxics;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyToxicTests {
    private static final long LATENCY = 300;

    @Test
    void delaysEveryChunkByTheLatency() {
        ToxicChannel channel = new ToxicChannel(new LatencyToxic(LATENCY, 0));
        channel.write("ping");
        channel.advanceMillis(LATENCY - 1);
        assertThat(channel.sent()).isEmpty();
        channel.advanceMillis(1);
        assertThat(channel.sent()).isEqualTo("ping");
    }

    @Test
    void countsEachChunksDelayFromItsOwnArrival() {
        ToxicChannel channel = new ToxicChannel(new LatencyToxic(LATENCY, 0));
        channel.write("a");
        channel.advanceMillis(LATENCY / 3);
        channel.write("b");
        channel.advanceMillis(LATENCY - LATENCY / 3);
        assertThat(channel.sent()).isEqualTo("a");
        channel.advanceMillis(LATENCY / 3);
        assertThat(channel.sent()).isEqualTo("b");
    }

    @Test
    void jitterNeverReordersChunksAndStaysWithinItsBounds() {
        long jitter = LATENCY / 2;
        ToxicChannel channel = new ToxicChannel(new LatencyToxic(LATENCY, jitter));
        List<String> written = IntStream.range(0, 50).mapToObj(i -> i + ",").toList();
        written.forEach(channel::write);
        channel.advanceMillis(LATENCY - jitter - 1);
        assertThat(channel.sent()).isEmpty();
        channel.advanceMillis(2 * jitter + 1);
        assertThat(channel.sent()).isEqualTo(String.join("", written));
    }

    @Test
    void passesTheEndOfTheStreamOnOnlyAfterTheBytesBeforeIt() {
        ToxicChannel channel = new ToxicChannel(new LatencyToxic(LATENCY, 0));
        channel.write("last words");
        channel.close();
        assertThat(channel.open()).isTrue();
        channel.advanceMillis(LATENCY);
        assertThat(channel.sent()).isEqualTo("last words");
        assertThat(channel.open()).isFalse();
    }

    @Test
    void removalDeliversEveryHeldChunkAtOnceInOrder() {
        ToxicChannel channel = new ToxicChannel(new LatencyToxic(LATENCY, 0));
        channel.write("a");
        channel.write("b");
        channel.remove();
        assertThat(channel.sent()).isEqualTo("ab");
        channel.write("c");
        assertThat(channel.sent()).isEqualTo("c");
    }

    @Test
    void removalPassesAHeldCloseOnAfterTheHeldBytes() {
        ToxicChannel channel = new ToxicChannel(new LatencyToxic(LATENCY, 0));
        channel.write("a");
        channel.close();
        channel.remove();
        assertThat(channel.sent()).isEqualTo("a");
        assertThat(channel.open()).isFalse();
    }

    @Test
    void anUpdateAppliesTheNewLatencyToHeldChunksFromTheirArrival() {
        ToxicChannel channel = new ToxicChannel(new LatencyToxic(LATENCY * 10, 0));
        channel.write("a");
        channel.advanceMillis(LATENCY);
        channel.handler.update(new LatencyToxic(LATENCY, 0), true);
        assertThat(channel.sent()).isEqualTo("a");
    }

    @Test
    void anInactiveHandlerPassesBytesStraightThrough() {
        ToxicChannel channel = new ToxicChannel(new LatencyToxic(LATENCY, 0).newHandler(false));
        channel.write("a");
        assertThat(channel.sent()).isEqualTo("a");
    }

    @Test
    void becomingInactiveFlushesWhatItHeld() {
        ToxicChannel channel = new ToxicChannel(new LatencyToxic(LATENCY, 0));
        channel.write("a");
        channel.handler.update(new LatencyToxic(LATENCY, 0), false);
        assertThat(channel.sent()).isEqualTo("a");
    }

    @Test
    void acceptsUpTo1024ChunksBeforeHoldingTheWriter() {
        ToxicChannel channel = new ToxicChannel(new LatencyToxic(LATENCY, 0));
        List<ChannelFuture> writes = new ArrayList<>();
        for (int i = 0; i <= LatencyToxic.BUFFERED_CHUNKS; i++) {
            writes.add(channel.write("x"));
        }
        assertThat(writes.subList(0, LatencyToxic.BUFFERED_CHUNKS)).allMatch(ChannelFuture::isSuccess);
        ChannelFuture beyond = writes.get(LatencyToxic.BUFFERED_CHUNKS);
        assertThat(beyond.isDone()).isFalse();
        channel.advanceMillis(LATENCY);
        assertThat(beyond.isSuccess()).isTrue();
        assertThat(channel.sent()).hasSize(LatencyToxic.BUFFERED_CHUNKS + 1);
    }

    @Test
    void releasesHeldChunksWhenTheSocketDies() {
        ToxicChannel channel = new ToxicChannel(new LatencyToxic(LATENCY, 0));
        ByteBuf data = ToxicChannel.bytes("lost");
        channel.write(data);
        channel.killSocket();
        assertThat(data.refCnt()).isZero();
    }

    @Test
    void attributesAreListedInToxiproxysOrder() {
        assertThat(new LatencyToxic(5, 7).attributes().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")))
                .isEqualTo("latency=5,jitter=7");
    }
}
