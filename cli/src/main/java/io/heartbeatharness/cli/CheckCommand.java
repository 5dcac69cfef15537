package io.heartbeatharness.cli;

import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.nginx.Nginx;
import io.heartbeatharness.report.JunitXml;
import io.heartbeatharness.report.KeepTimelines;
import io.heartbeatharness.report.ReportWriter;
import io.heartbeatharness.result.RunResult;
import io.heartbeatharness.scenario.catalogue.Catalogue;
import io.heartbeatharness.cell.FaultPhase;
import io.heartbeatharness.run.MatrixRun;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.run.Backends;
import io.heartbeatharness.backend.FaultBackend;
import io.heartbeatharness.backend.toxiproxy.ToxiproxyBackend;
import io.heartbeatharness.spec.TargetSpecs;
import io.heartbeatharness.time.HarnessPauses;
import io.heartbeatharness.time.TimeScale;
import io.heartbeatharness.verdict.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code check}: runs the catalogue against targets and writes the report. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Run scenarios against targets (every reference implementation by default) and write a report.")
final class CheckCommand implements Callable<Integer> {

    @Option(names = "--scenario", paramLabel = "ID", description = "scenario id or group prefix (repeatable; default all)")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--target", paramLabel = "NAME|SPEC",
            description = "reference implementation name, or a target spec file (.yaml) for any implementation "
                    + "(repeatable; default every reference implementation)")
    List<String> targets = new ArrayList<>();

    @Option(names = "--scale", paramLabel = "FACTOR", description = "time scale (default ${DEFAULT-VALUE})",
            defaultValue = "0.1")
    String scale;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "heartbeat-report",
            description = "where index.html and the JSON results go (default ${DEFAULT-VALUE})")
    Path reportDir;

    @Option(names = "--junit-xml", paramLabel = "FILE",
            description = "also write JUnit XML: one testcase per cell (classname = scenario, name = target)")
    Path junitXml;

    @Option(names = "--dry-run", description = "print the cells that would run, run nothing")
    boolean dryRun;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", description = "run every cell N times (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--phase", paramLabel = "worst|random", defaultValue = "worst",
            description = "when faults start: right after the target's own heartbeat exchange (worst, the default), or "
                    + "a random part of an interval later (random; with --repeat, the detection distribution)")
    String phase;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "" + RunDefaults.JOBS,
            description = "cells run at once (default ${DEFAULT-VALUE}; cells mostly wait, so more than the cores is fine)")
    int jobs;
    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "auto",
            description = "what makes the faults: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}: the kernel for "
                    + "TCP keepalive's blackhole where root, the embedded proxy for every other cell)",
            completionCandidates = BackendNames.class)
    String backend;

    @Option(names = "--toxiproxy-url", paramLabel = "URL",
            description = "with --backend toxiproxy: a Toxiproxy already running on this machine, e.g. "
                    + "http://127.0.0.1:8474 (default: one started in a container)")
    String toxiproxyUrl;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "run only the I-th of N slices of the cells (one per CI matrix job); join the report "
                    + "directories with merge")
    String shard;

    @Option(names = "--keep-timelines", paramLabel = "all|failed|none", defaultValue = "failed",
            description = "whose timelines the report keeps: every cell's, the cells that did not PASS (the default, "
                    + "which keeps a report small enough for a CI artifact), or none")
    String keepTimelines;

    @Override
    public Integer call() throws Exception {
        TimeScale timeScale = TimeScale.parse(scale);
        KeepTimelines keep = KeepTimelines.parse(keepTimelines);
        FaultPhase faultPhase = FaultPhase.parse(phase);
        FaultBackend faults = Backends.parse(backend);
        if (toxiproxyUrl != null) {
            if (!ToxiproxyBackend.ID.equals(faults.id())) {
                throw new IllegalArgumentException("--toxiproxy-url: only with --backend " + ToxiproxyBackend.ID);
            }
            faults = ToxiproxyBackend.atUrl(toxiproxyUrl);
        }
        List<MatrixRun.Planned> cells = MatrixRun.plan(Catalogue.select(scenarios), TargetSpecs.select(targets));
        if (shard != null) {
            cells = Shard.parse(shard).select(cells);
        }
        if (dryRun) {
            cells.forEach(c -> System.out.println(c.displayName()));
            return HarnessCli.EXIT_OK;
        }
        if (repeat < 1 || jobs < 1) {
            throw new IllegalArgumentException((repeat < 1 ? "--repeat" : "--jobs") + ": must be at least 1");
        }
        var unavailable = faults.unavailableReason();
        if (unavailable.isPresent()) {
            throw new IllegalArgumentException("--backend " + faults.id() + ": unavailable here: " + unavailable.get());
        }
        System.out.printf("heartbeat-harness %s: %d cells x %d, %d at a time, backend %s, scale %s, tolerance %d ms, "
                        + "%s phase%n", RunDefaults.harnessVersion(), cells.size(), repeat, jobs, faults.id(),
                timeScale.factor(), Tolerance.DEFAULT.millis(), faultPhase.word());
        CoverageNotice.lines(cells, faults, Nginx.unavailableReason()).forEach(System.out::println);
        if (!HarnessPauses.serialCollector()) {
            System.out.printf("warning: this JVM collects garbage with %s, whose pauses under load can outlast the %d ms"
                    + " tolerance and count against targets; run through bin/heartbeat-harness, or give java %s%n",
                    HarnessPauses.collectors(), Tolerance.DEFAULT.millis(), HarnessPauses.RECOMMENDED_FLAGS);
        }
        Path dir = reportDir.toAbsolutePath().normalize();
        RunResult run = new MatrixRun(timeScale, Tolerance.DEFAULT, faults, faultPhase)
                .withJournals(dir.resolve(ReportWriter.JOURNALS)).run(cells, repeat, jobs, System.out::println);
        // Read before the report is written: its collections pause no cell.
        String pauses = HarnessPauses.summary();
        Path html = ReportWriter.write(run, dir, keep);
        if (junitXml != null) {
            JunitXml.write(run, junitXml.toAbsolutePath().normalize());
        }
        StringBuilder summary = new StringBuilder();
        for (Verdict verdict : Verdict.values()) {
            summary.append(verdict).append(' ').append(run.count(verdict)).append("  ");
        }
        System.out.println(summary.toString().trim() + "  (harness GC while cells ran: " + pauses + ")");
        System.out.println("report: " + html);
        return run.failed() ? HarnessCli.EXIT_FAILED : HarnessCli.EXIT_OK;
    }
}
