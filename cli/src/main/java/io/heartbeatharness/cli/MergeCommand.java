package io.heartbeatharness.cli;

import io.heartbeatharness.report.JsonReport;
import io.heartbeatharness.report.KeepTimelines;
import io.heartbeatharness.report.ReportWriter;
import io.heartbeatharness.result.RunResult;
import io.heartbeatharness.verdict.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code merge}: one report from the report directories of {@code check --shard} jobs. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Combine the report directories of sharded runs (check --shard I/N) into one report.")
final class MergeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "report directories written by check --shard")
    List<Path> shards = new ArrayList<>();

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "heartbeat-report",
            description = "where the merged index.html and JSON go (default ${DEFAULT-VALUE})")
    Path reportDir;

    @Option(names = "--keep-timelines", paramLabel = "all|failed|none", defaultValue = "failed",
            description = "whose timelines the merged report keeps, of those the shards kept (default ${DEFAULT-VALUE})")
    String keepTimelines;

    @Override
    public Integer call() throws IOException {
        Path html;
        try {
            html = ReportWriter.merge(shards.stream().map(p -> p.toAbsolutePath().normalize()).toList(),
                    reportDir.toAbsolutePath().normalize(), KeepTimelines.parse(keepTimelines));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        RunResult run = JsonReport.read(html.getParent());
        StringBuilder summary = new StringBuilder();
        for (Verdict verdict : Verdict.values()) {
            summary.append(verdict).append(' ').append(run.count(verdict)).append("  ");
        }
        System.out.println(summary.toString().trim());
        System.out.println("report: " + html);
        return run.failed() ? HarnessCli.EXIT_FAILED : HarnessCli.EXIT_OK;
    }
}
