package io.heartbeatharness.budget;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures how late a Netty timer fires on this machine — the error every detection instant carries — and checks
 * that {@link Tolerance#DEFAULT} keeps a margin over it: the measured worst case must stay below two thirds of it.
 */
class SchedulingJitterIT {
    private static final int SAMPLES = 200;
    private static final long PERIOD_MS = 10;

    @Test
    void timerLatenessStaysWellInsideTheTolerance() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        List<Long> lateness = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(SAMPLES);
        try {
            for (int i = 0; i < SAMPLES; i++) {
                long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PERIOD_MS);
                ScheduledFuture<?> f = group.next().schedule(() -> {
                    lateness.add(System.nanoTime() - due);
                    done.countDown();
                }, PERIOD_MS, TimeUnit.MILLISECONDS);
                f.await();
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        List<Long> sorted = new ArrayList<>(lateness);
        Collections.sort(sorted);
        double p50 = sorted.get(sorted.size() / 2) / 1e6;
        double p99 = sorted.get((int) (sorted.size() * 0.99)) / 1e6;
        double max = sorted.get(sorted.size() - 1) / 1e6;
        System.out.printf("timer lateness over %d samples: p50 %.2f ms, p99 %.2f ms, max %.2f ms; tolerance %d ms%n",
                SAMPLES, p50, p99, max, Tolerance.DEFAULT.millis());
        assertThat(max).as("worst timer lateness (ms) against two thirds of the tolerance")
                .isLessThan(Tolerance.DEFAULT.millis() * 2.0 / 3.0);
    }
}
