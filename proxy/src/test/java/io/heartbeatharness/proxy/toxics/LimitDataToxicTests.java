package io.heartbeatharness.proxy.toxics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LimitDataToxicTests {
    @Test
    void passesExactlyTheLimitThenClosesTheConnection() {
        ToxicChannel channel = new ToxicChannel(new LimitDataToxic(5));
        channel.write("hello world");
        assertThat(channel.sent()).isEqualTo("hello");
        assertThat(channel.open()).isFalse();
        assertThat(channel.controlCalls).containsExactly("close limit_data toxic");
    }

    @Test
    void countsAcrossChunks() {
        ToxicChannel channel = new ToxicChannel(new LimitDataToxic(5));
        channel.write("abc");
        assertThat(channel.open()).isTrue();
        channel.write("defg");
        assertThat(channel.sent()).isEqualTo("abcde");
        assertThat(channel.open()).isFalse();
    }

    @Test
    void zeroClosesWhenTheFirstBytesArriveWithoutPassingAny() {
        ToxicChannel channel = new ToxicChannel(new LimitDataToxic(0));
        assertThat(channel.open()).isTrue();
        channel.write("x");
        assertThat(channel.sent()).isEmpty();
        assertThat(channel.open()).isFalse();
    }

    @Test
    void anUpdateKeepsTheCountSoFar() {
        ToxicChannel channel = new ToxicChannel(new LimitDataToxic(5));
        channel.write("abc");
        channel.handler.update(new LimitDataToxic(6), true);
        channel.write("defg");
        assertThat(channel.sent()).isEqualTo("abcdef");
        assertThat(channel.open()).isFalse();
    }
}
