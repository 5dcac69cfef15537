package io.heartbeatharness.report;

import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.report.internal.TimelineChart;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TimelineChartTests {
    private static final List<CellResult> CELLS = SampleRuns.run().cells();

    private static CellResult cell(String scenario, String target) {
        return CELLS.stream().filter(c -> c.scenario().equals(scenario) && c.target().equals(target)).findFirst()
                .orElseThrow();
    }

    private static double x(TimelineChart.Vertical v) {
        return Double.parseDouble(v.x());
    }

    private static TimelineChart.Vertical vertical(TimelineChart chart, String cls) {
        return chart.verticals().stream().filter(v -> v.cls().equals(cls)).findFirst().orElseThrow();
    }

    @Test
    void lanesRunFromTheHarnessOverTheClientAndTheProxyToTheServer() {
        TimelineChart chart = TimelineChart.of(cell("half-open/both", SampleRuns.HEALTHY_CLIENT)).orElseThrow();
        assertThat(chart.lanes()).extracting(TimelineChart.Lane::key)
                .containsExactly("harness", "target", TimelineChart.PROXY_CLIENT, TimelineChart.PROXY_SERVER, "peer");
        assertThat(chart.lanes()).extracting(TimelineChart.Lane::role)
                .containsExactly("faults, processes", "client", "client side", "server side", "server");
    }

    @Test
    void theBudgetWindowAndTheDetectionAreDrawnToScale() {
        TimelineChart chart = TimelineChart.of(cell("half-open/both", SampleRuns.HEALTHY_SERVER)).orElseThrow();
        TimelineChart.Window window = chart.budget().get(0);
        double start = Double.parseDouble(window.x());
        double width = Double.parseDouble(window.width());
        assertThat(x(vertical(chart, "v-fault"))).isCloseTo(start, within(0.1));
        assertThat(x(vertical(chart, "v-budget"))).isCloseTo(start + width, within(0.15));
        // detection 3506 ms of a 3650 ms budget
        assertThat(x(vertical(chart, "v-detect")) - start).isCloseTo(width * 3506 / 3650, within(0.2));
    }

    @Test
    void everyEventIsAMarkAndBytesDroppedByTheFaultStandOut() {
        CellResult cell = cell("half-open/both", SampleRuns.HEALTHY_SERVER);
        TimelineChart chart = TimelineChart.of(cell).orElseThrow();
        assertThat(chart.marks()).hasSize(cell.timeline().size());
        assertThat(chart.marks()).filteredOn(m -> m.cls().contains("dropped")).hasSize(1);
        assertThat(chart.marks()).filteredOn(m -> m.type().equals("bytes")).allMatch(TimelineChart.Mark::tick);
    }

    @Test
    void theCloseIsLabelledWithItsCodeAndReason() {
        TimelineChart chart = TimelineChart.of(cell("half-open/both", SampleRuns.HEALTHY_SERVER)).orElseThrow();
        assertThat(chart.marks()).filteredOn(TimelineChart.Mark::labelled).extracting(TimelineChart.Mark::label)
                .contains("closed 4000 heartbeat timeout (by self)", "fault start (blackhole, both)",
                        "last pong-received", "peer dead: no pong within timeout");
    }

    @Test
    void aCloseFrameReadByTheTapIsNamedWithItsCodeAndWhetherTheFaultDroppedIt() {
        io.heartbeatharness.timeline.TimelineEvent close = new io.heartbeatharness.timeline.TimelineEvent(2_000_000L, 0,
                "proxy", "ws-frame", java.util.Map.of("conn", "c3", "side", "server", "direction", "downstream",
                "frame", "close", "code", 1001, "dropped", true));
        assertThat(TimelineChart.describe(close)).isEqualTo("Close frame 1001 c3 (dropped)");
    }

    @Test
    void aProxyStallIsNamedWithItsLength() {
        io.heartbeatharness.timeline.TimelineEvent stall = new io.heartbeatharness.timeline.TimelineEvent(2_000_000L, 0,
                "proxy", "stall", java.util.Map.of("from_ns", 1_000_000L, "stalled_ms", 134L, "period_ms", 10L));
        assertThat(TimelineChart.describe(stall)).isEqualTo("proxy stalled 134 ms");
    }

    @Test
    void budgetsAreLeftToTheEventTableSoTheChartStartsWithTheCell() {
        CellResult cell = cell("frozen-client", SampleRuns.HEALTHY_SERVER);
        TimelineChart chart = TimelineChart.of(cell).orElseThrow();
        assertThat(cell.timeline()).filteredOn(e -> e.type().equals("budget")).hasSize(2);
        assertThat(chart.marks()).hasSize(cell.timeline().size() - 2)
                .noneMatch(m -> m.type().equals("budget"));
    }

    @Test
    void aCrowdedDetectionGetsAZoomAndAnErrorWithoutEvidenceGetsNoChart() {
        CellResult client = cell("half-open/both", SampleRuns.HEALTHY_CLIENT);
        TimelineChart zoom = TimelineChart.zoomOf(client).orElseThrow();
        assertThat(zoom.zoom()).isTrue();
        assertThat(zoom.marks()).extracting(TimelineChart.Mark::type).contains("peer-dead", "closed", "connected")
                .doesNotContain("listening");
        CellResult error = cell("frozen-server", SampleRuns.HEALTHY_CLIENT);
        assertThat(TimelineChart.of(error)).isEmpty();
        assertThat(TimelineChart.zoomOf(error)).isEmpty();
    }

    @Test
    void aFailureWithoutDetectionHasNoDetectionLineButStillItsBudget() {
        TimelineChart chart = TimelineChart.of(cell("frozen-client", SampleRuns.HEALTHY_SERVER)).orElseThrow();
        assertThat(chart.verticals()).extracting(TimelineChart.Vertical::cls).doesNotContain("v-detect")
                .contains("v-fault", "v-budget");
        assertThat(chart.budget()).hasSize(1);
        assertThat(chart.marks()).filteredOn(TimelineChart.Mark::labelled).extracting(TimelineChart.Mark::label)
                .contains("SIGSTOP peer", "SIGCONT peer");
    }

    @Test
    void simultaneousHeartbeatsOfACrowdAreDrawnOnce() {
        SampleRuns.Events events = new SampleRuns.Events();
        events.at(0, "target", "listening", "port", 1);
        for (int slot = 0; slot < 200; slot++) {
            events.at(1_000, "peer", "ping-sent", "slot", slot);
        }
        events.at(5_000, "peer", "ping-sent", "slot", 0);
        CellResult cell = new CellResult("server-restart/storm", "SHOULD", "ws-json server", "embedded",
                io.heartbeatharness.verdict.Verdict.PASS, "", null, null, null, null, 0.1, 150, null, 0, events.list());
        TimelineChart chart = TimelineChart.of(cell).orElseThrow();
        assertThat(chart.marks()).filteredOn(m -> m.type().equals("ping-sent")).hasSize(2)
                .first().satisfies(m -> assertThat(m.title()).endsWith("(and 199 more ping-sent here)"));
    }
}
