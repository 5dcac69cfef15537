package io.heartbeatharness.proxy;

import io.heartbeatharness.proxy.internal.LoopWatch;
import io.heartbeatharness.proxy.internal.Tap;
import io.heartbeatharness.proxy.internal.Transports;
import io.heartbeatharness.time.Mono;
import io.heartbeatharness.timeline.Timeline;
import io.heartbeatharness.timeline.TimelineEvent;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real event loop kept from running by a task that blocks it: the watch records when it stopped and resumed. */
class LoopWatchTests {
    private final EventLoopGroup group = Transports.newGroup(1, "watch-test");
    private final Timeline timeline = new Timeline();
    private final Tap tap = new Tap(timeline, new TapLog(16));

    @AfterEach
    void shutDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private List<TimelineEvent> stalls() {
        return timeline.events().stream().filter(e -> e.is(TapEvents.STALL)).toList();
    }

    @Test
    void aBlockedLoopIsRecordedAsAStallFromItsLastRunToItsResumption() throws Exception {
        EventLoop loop = group.next();
        LoopWatch watch = LoopWatch.start(loop, tap);
        Thread.sleep(LoopWatch.PERIOD.toMillis() * 5);
        long blockedFrom = Mono.now();
        long blockMs = LoopWatch.THRESHOLD.toMillis() * 4;
        loop.submit(() -> sleep(blockMs)).get();
        long unblocked = Mono.now();

        await("the stall event").atMost(Duration.ofSeconds(5)).until(() -> !stalls().isEmpty());
        watch.stop();
        TimelineEvent stall = stalls().get(0);
        long from = ((Number) stall.data().get("from_ns")).longValue();

        assertThat(from).isLessThanOrEqualTo(blockedFrom)
                .isGreaterThan(blockedFrom - LoopWatch.PERIOD.toNanos() - LoopWatch.THRESHOLD.toNanos());
        assertThat(stall.monoNanos()).isGreaterThanOrEqualTo(unblocked - 1_000_000);
        assertThat(((Number) stall.data().get("stalled_ms")).longValue()).isGreaterThanOrEqualTo(blockMs);
        assertThat(stall.data()).containsEntry("period_ms", LoopWatch.PERIOD.toMillis());
        assertThat(stall.str("conn")).isNull();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
