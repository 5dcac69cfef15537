package io.heartbeatharness.reference.internal;

import io.heartbeatharness.reference.VirtualTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ping loop and pong deadlines on a hand-advanced clock. */
class PingScheduleTests {
    private final VirtualTime time = new VirtualTime();
    private final List<Long> pings = new ArrayList<>();
    private final List<Long> missed = new ArrayList<>();

    private PingSchedule schedule(Duration interval, Duration timeout) {
        return new PingSchedule(time.executor(), interval, timeout, () -> pings.add(time.nanoTime()),
                () -> missed.add(time.nanoTime()));
    }

    @Test
    void anUnansweredPingIsNoticedExactlyTimeoutAfterIt() {
        schedule(Duration.ofSeconds(30), Duration.ofSeconds(5)).start(Duration.ZERO);
        time.advance(Duration.ofSeconds(5).minusNanos(1));
        assertThat(missed).isEmpty();
        time.advance(Duration.ofNanos(1));
        assertThat(missed).containsExactly(Duration.ofSeconds(5).toNanos());
    }

    @Test
    void anAnsweredPingIsNotReported() {
        PingSchedule schedule = schedule(Duration.ofSeconds(30), Duration.ofSeconds(5));
        schedule.start(Duration.ZERO);
        time.advance(Duration.ofSeconds(1));
        schedule.pongReceived();
        time.advance(Duration.ofSeconds(20));
        assertThat(missed).isEmpty();
    }

    @Test
    void withATimeoutLongerThanTheIntervalLaterPingsDoNotPostponeTheFirstDeadline() {
        // I 1 s, T 3 s: pings at 0, 1, 2 s are all outstanding when the first deadline comes at 3 s.
        schedule(Duration.ofSeconds(1), Duration.ofSeconds(3)).start(Duration.ZERO);
        time.advance(Duration.ofSeconds(3));
        assertThat(missed).first().isEqualTo(Duration.ofSeconds(3).toNanos());
    }

    @Test
    void stopCancelsEveryOutstandingDeadline() {
        PingSchedule schedule = schedule(Duration.ofSeconds(1), Duration.ofSeconds(3));
        schedule.start(Duration.ZERO);
        time.advance(Duration.ofMillis(2500));
        schedule.stop();
        time.advance(Duration.ofSeconds(10));
        assertThat(missed).isEmpty();
        assertThat(pings).hasSize(3);
    }
}
