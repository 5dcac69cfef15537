package io.heartbeatharness.report;

import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.ReconnectSpread;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectSpreadTests {

    private static CellResult cell(List<io.heartbeatharness.timeline.TimelineEvent> timeline, List<Long> offsets) {
        return new CellResult("server-restart/storm", "SHOULD", "ws-json server", "embedded", Verdict.PASS, "",
                null, null, null, null, 0.1, 150, null, 0, timeline).withReconnectOffsetsMs(offsets);
    }

    @Test
    void measuredOffsetsAreUsedAsTheyAre() {
        List<Long> offsets = new ArrayList<>();
        for (long i = 0; i < 20; i++) {
            offsets.add(1000 + i * 7);
        }
        ReconnectSpread spread = ReconnectSpread.of(cell(List.of(), offsets)).orElseThrow();
        assertThat(spread.count()).isEqualTo(20);
        assertThat(spread.distribution().min()).isEqualTo(1000);
        assertThat(spread.distribution().max()).isEqualTo(1133);
    }

    @Test
    void withoutMeasuredOffsetsTheyAreTheClientsConnectsAfterTheKill() {
        CellResult storm = SampleRuns.storm(1, Verdict.PASS, 120L, 150L);
        List<Long> derived = ReconnectSpread.derive(storm.timeline());
        assertThat(derived).hasSize(SampleRuns.STORM_CLIENTS).allSatisfy(ms -> assertThat(ms).isBetween(570L, 670L));
        assertThat(ReconnectSpread.of(storm)).isPresent();
    }

    @Test
    void aHandfulOfReconnectsIsNoStorm() {
        assertThat(ReconnectSpread.of(cell(List.of(), List.of(1L, 2L, 3L)))).isEmpty();
        CellResult halfOpen = SampleRuns.run().cells().get(1);
        assertThat(ReconnectSpread.of(halfOpen)).isEmpty();
    }

    @Test
    void binsAreTenMillisecondsFromTheFirstReconnectRoundedDown() {
        ReconnectSpread spread = new ReconnectSpread(List.of(503L, 505L, 509L, 510L, 512L, 531L, 540L, 541L, 549L, 549L));
        assertThat(spread.firstBinStart()).isEqualTo(500);
        assertThat(spread.binMs()).isEqualTo(10);
        assertThat(spread.bins()).containsExactly(3, 2, 0, 1, 4);
    }

    @Test
    void aWideSpreadGetsWiderBinsSoTheChartStaysReadable() {
        List<Long> offsets = new ArrayList<>();
        for (long ms = 0; ms < 5_000; ms += 100) {
            offsets.add(ms);
        }
        ReconnectSpread spread = new ReconnectSpread(offsets);
        assertThat(spread.binMs()).isEqualTo(50);
        assertThat(spread.bins()).hasSizeLessThanOrEqualTo(ReconnectSpread.MAX_BINS);
        assertThat(spread.bins().stream().mapToInt(Integer::intValue).sum()).isEqualTo(offsets.size());
    }

    @Test
    void theBusiestWindowSlidesRatherThanFollowingTheBins() {
        // Binned, 505..514 splits 3 + 3; a sliding 10 ms window holds all six.
        ReconnectSpread spread = new ReconnectSpread(List.of(505L, 507L, 509L, 510L, 512L, 514L, 600L, 700L, 800L, 900L));
        assertThat(spread.busiestWindow()).isEqualTo(new ReconnectSpread.Busiest(6, 505));
        assertThat(new ReconnectSpread(List.of(0L, 10L, 20L)).busiestWindow().count()).isEqualTo(1);
    }
}
