package io.heartbeatharness.report;

import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.RunResult;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.TimelineEvent;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which evidence a cell was judged from is read off its timeline and said in index.json and on its page. */
class EvidenceKindTests {

    private static CellResult judgedFrom(String evidence) {
        List<TimelineEvent> timeline = List.of(new TimelineEvent(SampleRuns.mono(0), 0, "harness",
                HarnessEvents.FAULT_PATH, Map.of("backend", "toxiproxy", "evidence", evidence)));
        return new CellResult("half-open/both", "MUST", SampleRuns.HEALTHY_SERVER, "toxiproxy", Verdict.PASS,
                "expected …, observed …", 3650L, "I + T + P + tol", 3500L, null, 0.1, 150, SampleRuns.mono(0), 9000,
                timeline);
    }

    private static RunResult runOf(CellResult cell) {
        return new RunResult(SampleRuns.STARTED, "test", "17", 0.1, 150, List.of(cell));
    }

    @Test
    void theCellSaysItWasJudgedFromProcessLogs(@TempDir Path dir) throws IOException {
        RunResult run = runOf(judgedFrom("process logs"));
        JsonReport.write(run, dir);
        assertThat(Files.readString(dir.resolve("index.json"))).contains("\"evidence\" : \"process logs\"");
        assertThat(HtmlReport.cellPage(run, run.matrix().get(0))).contains("evidence: process logs");
    }

    @Test
    void aTimelineWithoutAFaultPathNamesNoEvidence() {
        CellResult cell = new CellResult("half-open/both", "MUST", SampleRuns.HEALTHY_SERVER, "embedded",
                Verdict.ERROR, "no start", null, null, null, null, 0.1, 150, null, 10, List.of());
        assertThat(cell.evidence()).isNull();
        assertThat(judgedFrom("proxy tap").evidence()).isEqualTo("proxy tap");
    }
}
