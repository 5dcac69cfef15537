package io.heartbeatharness.cli;

import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.report.JsonReport;
import io.heartbeatharness.report.ReportWriter;
import io.heartbeatharness.result.RunResult;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code merge} on report directories written here, without running any cell. */
class MergeCommandTests {
    @TempDir
    Path dir;

    private Path shard(String name, String target, Verdict verdict) throws Exception {
        CellResult cell = new CellResult("half-open/both", "MUST", target, "embedded", verdict, "sentence", 3650L,
                "I + T + P + tol", 3500L, null, 0.1, 150, null, 10, List.of());
        Path out = dir.resolve(name);
        ReportWriter.write(new RunResult(Instant.parse("2025-03-01T10:00:00Z"), "dev", "17", 0.1, 150,
                List.of(cell)), out);
        return out;
    }

    @Test
    void mergesShardDirectoriesIntoOneReport() throws Exception {
        Path a = shard("a", "ws-json server", Verdict.PASS);
        Path b = shard("b", "ws-json client", Verdict.PASS);
        Path out = dir.resolve("merged");
        int exit = HarnessCli.execute("merge", "--report-dir", out.toString(), a.toString(), b.toString());
        assertThat(exit).isEqualTo(HarnessCli.EXIT_OK);
        assertThat(JsonReport.read(out).cells()).extracting(CellResult::target)
                .containsExactly("ws-json client", "ws-json server");
        assertThat(Files.readString(out.resolve("index.html"))).contains("ws-json client", "ws-json server");
    }

    @Test
    void aFailureInAnyShardFailsTheMerge() throws Exception {
        Path a = shard("a", "ws-json server", Verdict.PASS);
        Path b = shard("b", "ws-json client", Verdict.FAIL);
        int exit = HarnessCli.execute("merge", "--report-dir", dir.resolve("merged").toString(), a.toString(),
                b.toString());
        assertThat(exit).isEqualTo(HarnessCli.EXIT_FAILED);
    }

    @Test
    void aDirectoryThatIsNoReportIsAUsageError() throws Exception {
        Path a = shard("a", "ws-json server", Verdict.PASS);
        int exit = HarnessCli.execute("merge", "--report-dir", dir.resolve("merged").toString(), a.toString(),
                dir.resolve("missing").toString());
        assertThat(exit).isEqualTo(HarnessCli.EXIT_USAGE);
    }
}
