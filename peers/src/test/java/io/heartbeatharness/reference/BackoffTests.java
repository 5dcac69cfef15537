package io.heartbeatharness.reference;

import io.heartbeatharness.reference.common.Backoff;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTests {
    private static final Duration INITIAL = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofMillis(1000);

    @Test
    void capDoublesUpToTheMaximum() {
        Backoff backoff = new Backoff(INITIAL, MAX, true, () -> 0.5);
        assertThat(backoff.cap(0)).isEqualTo(INITIAL);
        assertThat(backoff.cap(1)).isEqualTo(INITIAL.multipliedBy(2));
        assertThat(backoff.cap(3)).isEqualTo(INITIAL.multipliedBy(8));
        assertThat(backoff.cap(4)).isEqualTo(MAX);
        assertThat(backoff.cap(60)).isEqualTo(MAX);
    }

    @Test
    void fullJitterDrawsBetweenZeroAndTheCap() {
        assertThat(new Backoff(INITIAL, MAX, true, () -> 0.0).delay(2)).isEqualTo(Duration.ZERO);
        assertThat(new Backoff(INITIAL, MAX, true, () -> 0.25).delay(2)).isEqualTo(INITIAL.multipliedBy(4).dividedBy(4));
        assertThat(new Backoff(INITIAL, MAX, true, () -> 0.999).delay(2)).isLessThan(INITIAL.multipliedBy(4));
    }

    @Test
    void withoutJitterEveryClientWaitsExactlyTheCap() {
        Backoff backoff = new Backoff(INITIAL, MAX, false, () -> 0.1);
        assertThat(backoff.delay(0)).isEqualTo(INITIAL);
        assertThat(backoff.delay(5)).isEqualTo(MAX);
    }
}
