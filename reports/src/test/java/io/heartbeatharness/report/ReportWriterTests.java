package io.heartbeatharness.report;

import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.MatrixCell;
import io.heartbeatharness.result.RunResult;
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

    /** A report file's text, gunzipped when it is a cell's JSON. */
    private static String text(Path file) throws IOException {
        if (!file.toString().endsWith(".gz")) {
            return Files.readString(file);
        }
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
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
            expected.add(Path.of("cells", cell.id() + ".json.gz"));
        }
        assertThat(files(dir)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void writingAgainLeavesOnlyThisRunsCells() throws IOException {
        RunResult run = SampleRuns.run();
        ReportWriter.write(run, dir);
        Path cells = dir.resolve("cells");
        Files.writeString(cells.resolve("half-open-both__gone-server__embedded.html"), "<html>an earlier run</html>");
        Files.writeString(cells.resolve("half-open-both__gone-server__embedded.json"), "{}");
        Files.writeString(cells.resolve("notes.txt"), "the user's own");
        ReportWriter.write(run, dir);
        List<Path> expected = new ArrayList<>(List.of(Path.of("index.html"), Path.of("index.json"),
                Path.of("cells", "notes.txt")));
        for (MatrixCell cell : run.matrix()) {
            expected.add(Path.of("cells", cell.id() + ".html"));
            expected.add(Path.of("cells", cell.id() + ".json.gz"));
        }
        assertThat(files(dir)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theHtmlRenderedFromTheJsonIsTheHtmlOfTheRun() throws IOException {
        RunResult run = SampleRuns.run();
        ReportWriter.write(run, dir, KeepTimelines.ALL);
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
        // As check --shard splits them: whole matrix cells, every repetition of a cell in the same shard.
        List<MatrixCell> matrix = run.matrix();
        for (int i = 0; i < matrix.size(); i++) {
            (i % 2 == 0 ? even : odd).addAll(matrix.get(i).repetitions());
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
            assertThat(text(merged.resolve(file))).as(file.toString()).isEqualTo(text(single.resolve(file)));
        }
    }

    @Test
    void byDefaultOnlyTheCellsThatDidNotPassKeepTheirTimelines() throws IOException {
        RunResult run = SampleRuns.run();
        ReportWriter.write(run, dir);
        RunResult read = JsonReport.read(dir);
        for (MatrixCell cell : run.matrix()) {
            boolean kept = cell.verdict() != io.heartbeatharness.verdict.Verdict.PASS;
            for (CellResult original : cell.repetitions()) {
                CellResult back = read.cells().stream().filter(c -> c.scenario().equals(original.scenario())
                        && c.target().equals(original.target()) && c.repetition() == original.repetition())
                        .findFirst().orElseThrow();
                assertThat(back.timeline()).as(cell.id()).hasSize(kept ? original.timeline().size() : 0);
            }
            String page = Files.readString(dir.resolve("cells").resolve(cell.id() + ".html"));
            if (!kept) {
                assertThat(page).as(cell.id()).contains("No timeline in this report").doesNotContain("<svg class=\"timeline\"");
            }
        }
        assertThat(Files.readString(dir.resolve("index.json"))).contains("\"timeline_kept\" : false", "\"timeline_kept\" : true");
    }

    @Test
    void noneKeepsNoTimelineAndAllKeepsEveryOne() throws IOException {
        RunResult run = SampleRuns.run();
        ReportWriter.write(run, dir.resolve("none"), KeepTimelines.NONE);
        assertThat(JsonReport.read(dir.resolve("none")).cells()).allMatch(c -> c.timeline().isEmpty());
        ReportWriter.write(run, dir.resolve("all"), KeepTimelines.ALL);
        assertThat(JsonReport.read(dir.resolve("all")).cells().stream().mapToInt(c -> c.timeline().size()).sum())
                .isEqualTo(run.cells().stream().mapToInt(c -> c.timeline().size()).sum());
    }

    @Test
    void aBadKeepTimelinesValueIsNamed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeepTimelines.parse("some"))
                .hasMessage("--keep-timelines: expected one of [all, failed, none], got 'some'");
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

    @Test
    void keepsTheJournalsOfTheTimelinesItKeepsAndDeletesTheRest() throws IOException {
        RunResult sample = SampleRuns.run();
        Path journals = dir.resolve(ReportWriter.JOURNALS);
        Files.createDirectories(journals);
        List<CellResult> cells = new ArrayList<>();
        for (int i = 0; i < sample.cells().size(); i++) {
            CellResult cell = sample.cells().get(i);
            String name = "cell-" + i + ".journal.gz";
            Files.writeString(journals.resolve(name), "events of " + i);
            List<io.heartbeatharness.timeline.TimelineEvent> timeline = new ArrayList<>(cell.timeline());
            timeline.add(0, new io.heartbeatharness.timeline.TimelineEvent(0, 0, "harness", "journal",
                    java.util.Map.of("file", name)));
            cells.add(new CellResult(cell.scenario(), cell.requirement(), cell.target(), cell.backend(),
                    cell.verdict(), cell.message(), cell.budgetMs(), cell.budgetFormula(), cell.detectionMs(),
                    cell.reconnectMs(), cell.scale(), cell.toleranceMs(), cell.faultStartNs(), cell.elapsedMs(),
                    timeline, cell.repetition(), cell.reconnectOffsetsMs(), cell.description(), cell.expectation(),
                    cell.detectionOffsetsMs()));
        }
        RunResult run = new RunResult(sample.startedAt(), sample.harnessVersion(), sample.javaVersion(),
                sample.scale(), sample.toleranceMs(), cells);

        ReportWriter.write(run, dir, KeepTimelines.FAILED);

        assertThat(journals).doesNotExist();
        List<Path> kept = files(dir).stream().filter(f -> f.toString().endsWith(".journal.gz")).toList();
        List<Path> expected = run.matrix().stream().filter(KeepTimelines.FAILED::keeps)
                .flatMap(c -> c.repetitions().stream().map(r -> Path.of("cells", c.id() + "." + r.repetition()
                        + ".journal.gz"))).toList();
        assertThat(expected).isNotEmpty().hasSizeLessThan(run.cells().size());
        assertThat(kept).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Files.readString(dir.resolve("cells").resolve(expected.get(0).getFileName())))
                .startsWith("events of ");
        MatrixCell failed = run.matrix().stream().filter(KeepTimelines.FAILED::keeps).findFirst().orElseThrow();
        assertThat(Files.readString(dir.resolve("cells").resolve(failed.id() + ".html")))
                .contains("href=\"" + failed.id() + ".1.journal.gz\"");
    }
}
