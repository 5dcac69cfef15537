package io.heartbeatharness.run;

import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.Timeline;
import io.heartbeatharness.timeline.TimelineJournal;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a run streams its cells' timelines ({@link TimelineJournal}): one file a cell run, named on the timeline
 * itself ({@link HarnessEvents#JOURNAL}) so that the report can find, keep or drop it.
 */
final class CellJournals {
    static final CellJournals NONE = new CellJournals(null);

    private final Path dir;
    private final AtomicInteger runs = new AtomicInteger();

    private CellJournals(Path dir) {
        this.dir = dir;
    }

    static CellJournals in(Path dir) {
        return new CellJournals(dir);
    }

    /** A journal being written; closing it writes the rest. */
    interface Open {
        void close();
    }

    Open start(Timeline timeline, Scenario scenario, Target target, String backend) {
        if (dir == null) {
            return () -> {
            };
        }
        String name = slug(scenario.id() + "__" + target.name() + "__" + backend) + "." + runs.incrementAndGet()
                + ".journal.gz";
        TimelineJournal journal = TimelineJournal.start(timeline, dir.resolve(name));
        timeline.record(Sources.HARNESS, HarnessEvents.JOURNAL, "file", name);
        return () -> {
            try {
                journal.close();
            } catch (UncheckedIOException | IllegalStateException e) {
                // The verdict stands on the events in memory; only the file that shows them is lost.
                System.err.println("warning: " + e.getMessage());
            }
        };
    }

    private static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.]+", "-");
    }
}
