package io.heartbeatharness.proxy;

import io.heartbeatharness.proxy.control.TapLog;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TapEvents;
import io.heartbeatharness.timeline.TimelineEvent;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TapLogTests {
    private static TimelineEvent event(int n) {
        return new TimelineEvent(n, n, Sources.PROXY, TapEvents.BYTES, Map.of("conn", "c" + n));
    }

    @Test
    void numbersEventsFromOneAndPagesAfterSince() {
        TapLog log = new TapLog(10);
        for (int i = 1; i <= 5; i++) {
            log.add(event(i));
        }
        TapLog.Page page = log.since(2, 2);
        assertThat(page.events()).extracting(TapLog.Entry::seq).containsExactly(3L, 4L);
        assertThat(page.next()).isEqualTo(4);
        assertThat(page.missed()).isZero();
        assertThat(log.since(5, 10).events()).isEmpty();
        assertThat(log.since(5, 10).next()).isEqualTo(5);
    }

    @Test
    void reportsEventsOverwrittenBeforeTheyWereRead() {
        TapLog log = new TapLog(3);
        for (int i = 1; i <= 10; i++) {
            log.add(event(i));
        }
        TapLog.Page page = log.since(0, 100);
        assertThat(page.events()).extracting(TapLog.Entry::seq).containsExactly(8L, 9L, 10L);
        assertThat(page.missed()).isEqualTo(7);
    }

    @Test
    void aZeroCapacityLogKeepsCountingButHoldsNothing() {
        TapLog log = new TapLog(0);
        log.add(event(1));
        TapLog.Page page = log.since(0, 10);
        assertThat(page.events()).isEmpty();
        assertThat(page.next()).isEqualTo(1);
        assertThat(page.missed()).isEqualTo(1);
    }
}
