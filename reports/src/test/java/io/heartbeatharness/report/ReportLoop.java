package io.heartbeatharness.report;

import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.RunResult;
import io.heartbeatharness.timeline.TimelineEvent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for a run that is killed while writing its report ({@link AtomicReportIT}): writes a large report
 * into the directory given as its argument, over and over, printing a line after the first complete write.
 */
public final class ReportLoop {
    /** Enough events that writing the cell files takes a noticeable share of each round. */
    private static final int EVENTS = 4_000;

    private ReportLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        RunResult sample = SampleRuns.run();
        List<CellResult> cells = new ArrayList<>();
        for (CellResult cell : sample.cells()) {
            List<TimelineEvent> events = new ArrayList<>(cell.timeline());
            for (int i = 0; i < EVENTS; i++) {
                events.add(new TimelineEvent(SampleRuns.mono(i), i, "proxy", "bytes",
                        Map.of("conn", "c" + i, "bytes", i)));
            }
            cells.add(new CellResult(cell.scenario(), cell.requirement(), cell.target(), cell.backend(),
                    cell.verdict(), cell.message(), cell.budgetMs(), cell.budgetFormula(), cell.detectionMs(),
                    cell.reconnectMs(), cell.scale(), cell.toleranceMs(), cell.faultStartNs(), cell.elapsedMs(), events,
                    cell.repetition(), cell.reconnectOffsetsMs(), cell.description(), cell.expectation()));
        }
        RunResult run = new RunResult(sample.startedAt(), sample.harnessVersion(), sample.javaVersion(), sample.scale(),
                sample.toleranceMs(), cells);
        ReportWriter.write(run, dir);
        System.out.println("written");
        System.out.flush();
        while (true) {
            ReportWriter.write(run, dir);
        }
    }
}
