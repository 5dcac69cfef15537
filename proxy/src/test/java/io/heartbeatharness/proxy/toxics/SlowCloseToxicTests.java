package io.heartbeatharness.proxy.toxics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlowCloseToxicTests {
    private static final long DELAY = 500;

    @Test
    void passesBytesOnAtOnce() {
        ToxicChannel channel = new ToxicChannel(new SlowCloseToxic(DELAY));
        channel.write("hello");
        assertThat(channel.sent()).isEqualTo("hello");
    }

    @Test
    void delaysTheCloseByTheDelay() {
        ToxicChannel channel = new ToxicChannel(new SlowCloseToxic(DELAY));
        channel.close();
        channel.advanceMillis(DELAY - 1);
        assertThat(channel.open()).isTrue();
        channel.advanceMillis(1);
        assertThat(channel.open()).isFalse();
    }

    @Test
    void removalPassesAHeldCloseOnAtOnce() {
        ToxicChannel channel = new ToxicChannel(new SlowCloseToxic(DELAY));
        channel.close();
        channel.remove();
        assertThat(channel.open()).isFalse();
    }

    @Test
    void aNegativeDelayClosesAtOnce() {
        ToxicChannel channel = new ToxicChannel(new SlowCloseToxic(-DELAY));
        channel.close();
        assertThat(channel.open()).isFalse();
    }
}
