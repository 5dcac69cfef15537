package io.heartbeatharness.junit;

import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.report.ReportWriter;
import io.heartbeatharness.result.RunResult;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.time.TimeScale;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the cells of one test plan in the root {@link ExtensionContext.Store}; JUnit closes it when the plan
 * ends, and closing writes the report — the same JSON and HTML the CLI writes. {@link AutoCloseable} too, which is
 * what JUnit 5.13 and later look for.
 */
final class RunReport implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunReport.class);

    private final Instant started = Instant.now();
    private final TimeScale scale;
    private final List<CellResult> cells = new ArrayList<>();

    RunReport(TimeScale scale) {
        this.scale = scale;
    }

    static RunReport of(ExtensionContext context, TimeScale scale) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("report-" + scale.factor(), key -> new RunReport(scale), RunReport.class);
    }

    synchronized void add(CellResult cell) {
        cells.add(cell);
    }

    static Path directory() {
        return Path.of(System.getProperty("heartbeat.report.dir", "target/heartbeat-report"));
    }

    @Override
    public synchronized void close() {
        if (cells.isEmpty()) {
            return;
        }
        RunResult run = new RunResult(started, RunDefaults.harnessVersion(), System.getProperty("java.version"),
                scale.factor(), Tolerance.DEFAULT.millis(), cells);
        Path dir = directory().toAbsolutePath();
        try {
            Path html = ReportWriter.write(run, dir);
            System.out.println("heartbeat-harness report: " + html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir, e);
        }
    }
}
