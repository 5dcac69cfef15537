package io.heartbeatharness.report;

import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.RunResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TimelineEvent;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A fleet run's per-connection detection offsets in the JSON files and on the cell's page. */
class FleetReportTests {
    private static final long BUDGET_MS = 3650;

    private static RunResult fleetRun() {
        List<Long> offsets = new ArrayList<>();
        for (long i = 0; i < 50; i++) {
            offsets.add(3000 + 10 * i);
        }
        CellResult cell = new CellResult("fleet/frozen-subset", "MUST", "ws-json server", "embedded", Verdict.PASS,
                "expected …, observed …", BUDGET_MS, "I + T + P + tol", 3490L, null, 0.1, 150, 0L, 20_000, List.of())
                .withDetectionOffsetsMs(offsets);
        return new RunResult(Instant.parse("2026-01-01T00:00:00Z"), "dev", "17", 0.1, 150, List.of(cell));
    }

    @Test
    void detectionOffsetsAreWrittenWithTheirDistributionAndReadBack(@TempDir Path dir) throws IOException {
        RunResult run = fleetRun();
        JsonReport.write(run, dir);

        JsonNode spread = new ObjectMapper().readTree(dir.resolve("index.json").toFile())
                .path("cells").get(0).path("runs").get(0).path("connection_detection");
        assertThat(spread.toString()).isEqualTo("{\"count\":50,\"min\":3000,\"p50\":3240,\"p95\":3470,\"max\":3490}");
        assertThat(JsonReport.read(dir).cells().get(0).detectionOffsetsMs()).isEqualTo(run.cells().get(0).detectionOffsetsMs());
    }

    /**
     * A fleet's timeline: 5,000 connections, each connected, with heartbeats every 300 ms on both sides, then closed —
     * about 70,000 events, as a real fleet cell records.
     */
    private static RunResult bigFleetRun() {
        List<TimelineEvent> events = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        long second = 1_000_000_000L;
        events.add(new TimelineEvent(10 * second, 0, Sources.HARNESS, HarnessEvents.FAULT_START, java.util.Map.of()));
        for (int c = 0; c < 5_000; c++) {
            java.util.Map<String, Object> port = java.util.Map.of("remote_port", 20_000 + c);
            long start = (long) (random.nextDouble() * second);
            events.add(new TimelineEvent(start, 0, "target", "connected", port));
            for (long t = start + 300_000_000L; t < 10 * second; t += 3 * second) {
                events.add(new TimelineEvent(t, 0, "target", "ping-sent", port));
                events.add(new TimelineEvent(t + 1_000_000L, 0, "peer", "pong-sent", port));
                events.add(new TimelineEvent(t + 2_000_000L, 0, "target", "pong-received", port));
            }
            long close = 10 * second + (long) (random.nextDouble() * 3.4 * second);
            events.add(new TimelineEvent(close, 0, "target", "peer-dead", port));
            events.add(new TimelineEvent(close, 0, "target", "closed", port));
            events.add(new TimelineEvent(close + 1_000_000L, 0, "proxy:server", "fin", port));
        }
        CellResult cell = new CellResult("fleet/frozen-subset", "MUST", "ws-json server", "embedded", Verdict.FAIL,
                "expected …, observed …", BUDGET_MS, "I + T + P + tol", 3490L, null, 0.1, 150, 10 * second, 20_000,
                events);
        return new RunResult(Instant.parse("2026-01-01T00:00:00Z"), "dev", "17", 0.1, 150, List.of(cell));
    }

    @Test
    void aFleetsPageStaysUnderTwoMegabytes() {
        RunResult run = bigFleetRun();
        assertThat(run.cells().get(0).timeline()).hasSizeGreaterThan(60_000);
        String page = HtmlReport.cellPage(run, run.matrix().get(0));
        assertThat(page.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(2 * 1024 * 1024);
        assertThat(page).contains("<svg class=\"timeline\"", "The table shows " + HtmlReport.EVENT_TABLES_UP_TO);
    }

    @Test
    void theCellPageDrawsTheDetectionSpreadWithoutTheStormsBusiestWindow() {
        RunResult run = fleetRun();
        String page = HtmlReport.cellPage(run, run.matrix().get(0));

        assertThat(page).contains("Detection spread", "50 detections after the fault", "max +3490 ms",
                "Detections per 10 ms bin");
        assertThat(page).doesNotContain("Reconnect spread", "busiest");
    }
}
