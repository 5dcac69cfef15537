package io.heartbeatharness.report;

import io.heartbeatharness.result.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The one way a report is made, whoever asks — the CLI's {@code --report-dir}, a JUnit listener under
 * {@code target/}, or {@code merge} over shard directories: the run is written as JSON, read back, and the HTML
 * is rendered from what was read, so every entry point shows exactly what its JSON holds.
 */
public final class ReportWriter {
    /** Where a run streams its cells' timelines while they run, inside the report directory. */
    public static final String JOURNALS = "journals";

    private ReportWriter() {
    }

    /** Like {@link #write(RunResult, Path, KeepTimelines)}, keeping the timelines of the cells that did not PASS. */
    public static Path write(RunResult run, Path dir) throws IOException {
        return write(run, dir, KeepTimelines.FAILED);
    }

    /**
     * Writes {@code index.json}, {@code cells/<id>.json.gz}, {@code index.html} and {@code cells/<id>.html} into
     * {@code dir} (created when missing), with the timelines {@code keep} says (and their journals,
     * {@code cells/<id>.<repetition>.journal.gz}, where the run streamed them to {@link #JOURNALS}), and returns
     * the path of {@code index.html}.
     */
    public static Path write(RunResult run, Path dir, KeepTimelines keep) throws IOException {
        JournalFiles.settle(run, dir, keep);
        JsonReport.write(run, dir, keep);
        Path index = render(dir);
        removeOtherRunsCells(run, dir, keep);
        return index;
    }

    /**
     * A directory written again (the default {@code heartbeat-report}, a build's {@code target/heartbeat-report})
     * holds only this run's cells: an earlier run's pages and JSON would be listed by nothing and kept by everything.
     * Only the files a report writes are removed, and only once the new index stands.
     */
    private static void removeOtherRunsCells(RunResult run, Path dir, KeepTimelines keep) throws IOException {
        Path cells = dir.resolve("cells");
        if (!Files.isDirectory(cells)) {
            return;
        }
        Set<String> current = new HashSet<>();
        run.matrix().forEach(cell -> {
            current.addAll(List.of(cell.id() + ".html", cell.id() + JsonReport.CELL_SUFFIX));
            if (keep.keeps(cell)) {
                cell.repetitions().forEach(r -> current.add(JournalFiles.keptName(cell, r)));
            }
        });
        try (Stream<Path> files = Files.list(cells)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                boolean reportFile = name.endsWith(".html") || name.endsWith(".json") || name.endsWith(".json.gz")
                        || name.endsWith(JournalFiles.SUFFIX);
                if (reportFile && !current.contains(name)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Renders the HTML pages of a directory that already holds the JSON; returns the path of {@code index.html}. */
    public static Path render(Path dir) throws IOException {
        return HtmlReport.write(JsonReport.read(dir), dir);
    }

    /** Like {@link #merge(List, Path, KeepTimelines)}, keeping the timelines of the cells that did not PASS. */
    public static Path merge(List<Path> shardDirs, Path out) throws IOException {
        return merge(shardDirs, out, KeepTimelines.FAILED);
    }

    /**
     * Combines the report directories of the shards of one run into one report in {@code out}, the same a
     * single run over every cell would have written with {@code keep}; returns the path of its {@code index.html}.
     * (A timeline a shard did not keep cannot come back; the journals the shards kept are carried over.)
     *
     * @throws IllegalArgumentException when the shards do not belong to one run (see {@link RunResult#merge})
     */
    public static Path merge(List<Path> shardDirs, Path out, KeepTimelines keep) throws IOException {
        List<RunResult> shards = new ArrayList<>();
        for (Path dir : shardDirs) {
            shards.add(JsonReport.read(dir));
        }
        for (Path dir : shardDirs) {
            JournalFiles.copyKept(dir, out);
        }
        return write(RunResult.merge(shards), out, keep);
    }
}
