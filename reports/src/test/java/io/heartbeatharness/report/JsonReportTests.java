package io.heartbeatharness.report;

import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.MatrixCell;
import io.heartbeatharness.result.RunResult;
import com.fasterxml.jackson.databind.JsonNode;
import io.heartbeatharness.timeline.TimelineEvent;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonReportTests {
    @TempDir
    Path dir;

    private JsonNode index() throws IOException {
        JsonReport.write(SampleRuns.run(), dir);
        return JsonReport.JSON.readTree(Files.readString(dir.resolve("index.json")));
    }

    private static JsonNode cell(JsonNode index, String scenario, String target) {
        for (JsonNode cell : index.get("cells")) {
            if (cell.get("scenario").asText().equals(scenario) && cell.get("target").asText().equals(target)) {
                return cell;
            }
        }
        throw new AssertionError("no cell " + scenario + " [" + target + "]");
    }

    @Test
    void theIndexHoldsTheRunAndOneEntryPerMatrixCell() throws IOException {
        JsonNode index = index();
        assertThat(index.get("date").asText()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(index.get("harness_version").asText()).isEqualTo("0.1.0-test");
        assertThat(index.get("java_version").asText()).isEqualTo("17.0.15");
        assertThat(index.get("scale").asDouble()).isEqualTo(0.1);
        assertThat(index.get("tolerance_ms").asLong()).isEqualTo(150);
        assertThat(index.get("cells")).hasSize(6);
        for (JsonNode cell : index.get("cells")) {
            assertThat(cell.fieldNames()).toIterable().contains("scenario", "target", "backend", "verdict",
                    "budget_ms", "detection_ms", "reconnect_ms", "scale", "repetitions", "page", "json");
        }
        assertThat(index.get("summary").get("PASS").asInt()).isEqualTo(2);
        assertThat(index.get("summary").get("cells").asInt()).isEqualTo(6);
        assertThat(index.get("summary").get("runs").asInt()).isEqualTo(8);
    }

    @Test
    void timesNotObservedAreNullNotZero() throws IOException {
        JsonNode fail = cell(index(), "frozen-client", SampleRuns.HEALTHY_SERVER);
        assertThat(fail.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(fail.get("detection_ms").isNull()).isTrue();
        assertThat(fail.get("reconnect_ms").isNull()).isTrue();
        assertThat(fail.get("detection").isNull()).isTrue();
        assertThat(fail.get("budget_ms").asLong()).isEqualTo(3650);
    }

    @Test
    void anErrorCellKeepsItsReasonAndHasNoBudget() throws IOException {
        JsonNode error = cell(index(), "frozen-server", SampleRuns.HEALTHY_CLIENT);
        assertThat(error.get("verdict").asText()).isEqualTo("ERROR");
        assertThat(error.get("budget_ms").isNull()).isTrue();
        assertThat(error.get("message").asText()).endsWith(SampleRuns.HOSTILE);
    }

    @Test
    void repetitionsAreGroupedIntoOneCellWithTheWorstVerdictAndDistributions() throws IOException {
        JsonNode storm = cell(index(), "server-restart/storm", SampleRuns.HOSTILE_TARGET);
        assertThat(storm.get("repetitions").asInt()).isEqualTo(3);
        assertThat(storm.get("verdict").asText()).isEqualTo("NON_STRICT");
        assertThat(storm.get("message").asText()).contains("observed 12 of 40");
        assertThat(storm.get("detection_ms").asLong()).isEqualTo(135);
        JsonNode detection = storm.get("detection");
        assertThat(List.of(detection.get("count").asLong(), detection.get("min").asLong(), detection.get("p50").asLong(),
                detection.get("p95").asLong(), detection.get("max").asLong())).containsExactly(3L, 120L, 128L, 135L, 135L);
        assertThat(storm.get("runs")).hasSize(3);
        assertThat(storm.get("runs").get(1).get("repetition").asInt()).isEqualTo(2);
        assertThat(storm.get("runs").get(1).get("verdict").asText()).isEqualTo("NON_STRICT");
        assertThat(storm.get("runs").get(0).has("timeline")).isFalse();
    }

    @Test
    void eachCellFileHoldsEveryRepetitionWithItsTimeline() throws IOException {
        JsonNode storm = cell(index(), "server-restart/storm", SampleRuns.HOSTILE_TARGET);
        assertThat(storm.get("json").asText()).endsWith(".json.gz");
        JsonNode file = JsonReport.readTree(dir.resolve(storm.get("json").asText()));
        assertThat(file.get("runs")).hasSize(3);
        assertThat(file.get("runs").get(0).get("timeline").size()).isGreaterThan(2 * SampleRuns.STORM_CLIENTS);
        assertThat(storm.get("page").asText()).isEqualTo("cells/" + storm.get("id").asText() + ".html");
    }

    @Test
    void readingTheFilesBackGivesTheSameRun() throws IOException {
        RunResult run = SampleRuns.run();
        JsonReport.write(run, dir, KeepTimelines.ALL);
        RunResult back = JsonReport.read(dir);
        assertThat(back.startedAt()).isEqualTo(run.startedAt());
        assertThat(back.cells()).hasSize(run.cells().size());
        for (MatrixCell cell : run.matrix()) {
            MatrixCell read = back.matrix().stream().filter(c -> c.id().equals(cell.id())).findFirst().orElseThrow();
            assertThat(read.repetitions()).hasSameSizeAs(cell.repetitions());
            for (int i = 0; i < cell.repetitions().size(); i++) {
                CellResult expected = cell.repetitions().get(i);
                CellResult actual = read.repetitions().get(i);
                assertThat(actual).usingRecursiveComparison().ignoringFields("timeline").isEqualTo(expected);
                assertThat(actual.timeline()).hasSameSizeAs(expected.timeline());
                for (int j = 0; j < expected.timeline().size(); j++) {
                    assertThat(text(actual.timeline().get(j))).isEqualTo(text(expected.timeline().get(j)));
                }
            }
        }
    }

    /** An event with its details in key order (numbers may come back as another boxed type, same digits). */
    private static String text(TimelineEvent e) {
        return e.monoNanos() + " " + e.wallMillis() + " " + e.source() + " " + e.type() + " " + new TreeMap<>(e.data());
    }

    @Test
    void aDirectoryWithoutAnIndexIsNotAReport() {
        assertThatThrownBy(() -> JsonReport.read(dir)).hasMessageContaining("not a report directory");
    }

    @Test
    void aCellIdThatIsNotAFileNameIsRefused() throws IOException {
        Files.writeString(dir.resolve("index.json"), "{\"date\":\"2025-03-01T10:00:00Z\",\"scale\":1,"
                + "\"tolerance_ms\":0,\"cells\":[{\"id\":\"../../etc/passwd\"}]}");
        assertThatThrownBy(() -> JsonReport.read(dir)).hasMessageContaining("not a file-name-safe id");
    }

    @Test
    void verdictCountsOfTheRunCountRepetitionsOneByOne() {
        RunResult run = SampleRuns.run();
        assertThat(run.count(Verdict.PASS)).isEqualTo(4);
        assertThat(run.matrixCount(Verdict.PASS)).isEqualTo(2);
    }
}
