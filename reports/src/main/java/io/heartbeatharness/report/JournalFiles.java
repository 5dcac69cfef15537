package io.heartbeatharness.report;

import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.MatrixCell;
import io.heartbeatharness.result.RunResult;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The journals a run streamed its timelines to (gzipped JSON lines, written while the cells ran into
 * {@link ReportWriter#JOURNALS}): the report keeps those of the cells whose timelines it keeps, as
 * {@code cells/<id>.<repetition>.journal.gz}, and deletes the others.
 */
final class JournalFiles {
    static final String SUFFIX = ".journal.gz";

    private JournalFiles() {
    }

    /** The journal file the run's timeline names, in the run's journal directory. */
    static Optional<String> recorded(CellResult run) {
        return run.timeline().stream().filter(e -> e.source().equals(Sources.HARNESS) && e.is(HarnessEvents.JOURNAL))
                .map(e -> e.str("file")).findFirst();
    }

    /** Where a kept journal is in the report, relative to {@code cells/}. */
    static String keptName(MatrixCell cell, CellResult run) {
        return cell.id() + "." + run.repetition() + SUFFIX;
    }

    /** Moves the journals {@code keep} keeps under {@code cells/} and deletes the journal directory. */
    static void settle(RunResult run, Path dir, KeepTimelines keep) throws IOException {
        Path journals = dir.resolve(ReportWriter.JOURNALS);
        if (!Files.isDirectory(journals)) {
            return;
        }
        Files.createDirectories(dir.resolve("cells"));
        for (MatrixCell cell : run.matrix()) {
            for (CellResult repetition : cell.repetitions()) {
                Optional<String> name = recorded(repetition);
                if (name.isPresent() && keep.keeps(cell) && Files.exists(journals.resolve(name.get()))) {
                    Files.move(journals.resolve(name.get()), dir.resolve("cells").resolve(keptName(cell, repetition)),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try (Stream<Path> left = Files.list(journals)) {
            for (Path file : left.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(journals);
    }

    /** Copies a shard's kept journals into the merged report's {@code cells/}; the report then drops unkept ones. */
    static void copyKept(Path shard, Path out) throws IOException {
        Path cells = shard.resolve("cells");
        if (!Files.isDirectory(cells) || cells.toAbsolutePath().normalize().equals(
                out.resolve("cells").toAbsolutePath().normalize())) {
            return;
        }
        Files.createDirectories(out.resolve("cells"));
        try (Stream<Path> files = Files.list(cells)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                Files.copy(file, out.resolve("cells").resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
