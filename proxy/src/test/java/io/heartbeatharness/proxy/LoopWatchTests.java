package io.heartbeatharness.proxy;

import io.heartbeatharness.proxy.control.TapLog;
import io.heartbeatharness.proxy.internal.LoopWatch;
import io.heartbeatharness.proxy.internal.Tap;
import io.heartbeatharness.proxy.internal.Transports;
import io.heartbeatharness.time.Mono;
import io.heartbeatharness.timeline.TapEvents;
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
        long watchStarted = Mono.now();
        LoopWatch watch = LoopWatch.start(loop, tap);
        Thread.sleep(LoopWatch.PERIOD.toMillis() * 5);
        long blockMs = LoopWatch.THRESHOLD.toMillis() * 4;
        long[] blocked = new long[2];
        loop.submit(() -> {
            blocked[0] = Mono.now();
            sleep(blockMs);
            blocked[1] = Mono.now();
        }).get();

        // On a busy machine the loop may stall on its own too: look for the stall that spans the block.
        await("the stall event").atMost(Duration.ofSeconds(5)).until(() -> stallSpanning(blocked) != null);
        watch.stop();
        TimelineEvent stall = stallSpanning(blocked);

        assertThat(((Number) stall.data().get("from_ns")).longValue()).isGreaterThanOrEqualTo(watchStarted);
        assertThat(((Number) stall.data().get("stalled_ms")).longValue()).isGreaterThanOrEqualTo(blockMs);
        assertThat(stall.data()).containsEntry("period_ms", LoopWatch.PERIOD.toMillis());
        assertThat(stall.str("conn")).isNull();
    }

    private TimelineEvent stallSpanning(long[] blocked) {
        return stalls().stream()
                .filter(s -> ((Number) s.data().get("from_ns")).longValue() <= blocked[0] && s.monoNanos() >= blocked[1])
                .findFirst().orElse(null);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
