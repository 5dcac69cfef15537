package io.heartbeatharness.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportWriterTests {
    @TempDir
    Path dir;

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    @Test
    void writesTheJsonAndEveryPage() throws IOException {
        RunResult run = SampleRuns.run();
        Path index = ReportWriter.write(run, dir);
        assertThat(index).isEqualTo(dir.resolve("index.html"));
        List<Path> expected = new ArrayList<>(List.of(Path.of("index.html"), Path.of("index.json")));
        for (MatrixCell cell : run.matrix()) {
            expected.add(Path.of("cells", cell.id() + ".html"));
            expected.add(Path.of("cells", cell.id() + ".json"));
        }
        assertThat(files(dir)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theHtmlRenderedFromTheJsonIsTheHtmlOfTheRun() throws IOException {
        RunResult run = SampleRuns.run();
        ReportWriter.write(run, dir);
        assertThat(Files.readString(dir.resolve("index.html"))).isEqualTo(HtmlReport.index(run));
        for (MatrixCell cell : run.matrix()) {
            assertThat(Files.readString(dir.resolve("cells").resolve(cell.id() + ".html")))
                    .isEqualTo(HtmlReport.cellPage(run, cell));
        }
    }

    @Test
    void mergingShardsGivesTheReportOfASingleRun() throws IOException {
        RunResult run = SampleRuns.run();
        List<CellResult> odd = new ArrayList<>();
        List<CellResult> even = new ArrayList<>();
        for (int i = 0; i < run.cells().size(); i++) {
            (i % 2 == 0 ? even : odd).add(run.cells().get(i));
        }
        Path shard1 = dir.resolve("shard-1");
        Path shard2 = dir.resolve("shard-2");
        ReportWriter.write(new RunResult(run.startedAt().plusSeconds(5), run.harnessVersion(), run.javaVersion(),
                run.scale(), run.toleranceMs(), odd), shard1);
        ReportWriter.write(new RunResult(run.startedAt(), run.harnessVersion(), run.javaVersion(), run.scale(),
                run.toleranceMs(), even), shard2);
        Path merged = dir.resolve("merged");
        ReportWriter.merge(List.of(shard1, shard2), merged);
        Path single = dir.resolve("single");
        ReportWriter.write(run, single);

        assertThat(files(merged)).isEqualTo(files(single));
        for (Path file : files(single)) {
            assertThat(Files.readString(merged.resolve(file))).as(file.toString())
                    .isEqualTo(Files.readString(single.resolve(file)));
        }
    }

    @Test
    void shardsOfDifferentRunsAreNotMerged() throws IOException {
        RunResult run = SampleRuns.run();
        ReportWriter.write(run, dir.resolve("a"));
        ReportWriter.write(new RunResult(run.startedAt(), run.harnessVersion(), run.javaVersion(), 1.0,
                run.toleranceMs(), List.of()), dir.resolve("b"));
        assertThatThrownBy(() -> ReportWriter.merge(List.of(dir.resolve("a"), dir.resolve("b")), dir.resolve("out")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("scale: shards disagree (0.1 and 1.0)");
        assertThatThrownBy(() -> ReportWriter.merge(List.of(dir.resolve("a"), dir.resolve("a")), dir.resolve("out")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("two shards ran ");
    }

    /** Leaves the sample report in the build output, for a person to open. */
    @Test
    void theSampleReportIsWrittenToTheBuildOutput() throws IOException {
        Path out = Path.of("target", "sample-report");
        assertThat(ReportWriter.write(SampleRuns.run(), out)).exists();
    }
}
