package io.heartbeatharness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    @Test
    void theCellPageDrawsTheDetectionSpreadWithoutTheStormsBusiestWindow() {
        RunResult run = fleetRun();
        String page = HtmlReport.cellPage(run, run.matrix().get(0));

        assertThat(page).contains("Detection spread", "50 detections after the fault", "max +3490 ms",
                "Detections per 10 ms bin");
        assertThat(page).doesNotContain("Reconnect spread", "busiest");
    }
}
