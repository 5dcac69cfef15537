package io.heartbeatharness.cli;

import io.heartbeatharness.doctor.DoctorReport;
import io.heartbeatharness.doctor.Examination;
import io.heartbeatharness.doctor.Prerequisite;
import io.heartbeatharness.doctor.PrerequisiteCatalogue;
import io.heartbeatharness.run.RunDefaults;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** {@code doctor}: which optional prerequisites this machine has, what each enables, and how to install the rest. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check every optional prerequisite (nginx, root, Docker, browser, Node.js, Python, mosquitto...): "
                + "one line each with its state, what it enables and, when missing, the command that installs it.")
final class DoctorCommand implements Callable<Integer> {
    /** The longest the checks may take together; a check that has not answered by then counts as missing. */
    static final Duration DEADLINE = Duration.ofSeconds(4);

    @Option(names = "--strict", description = "exit 1 when anything is missing or partial (default: always exit 0)")
    boolean strict;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Supplier<List<Prerequisite>> prerequisites;
    private final Duration deadline;

    DoctorCommand() {
        this(PrerequisiteCatalogue::all, DEADLINE);
    }

    DoctorCommand(Supplier<List<Prerequisite>> prerequisites, Duration deadline) {
        this.prerequisites = prerequisites;
        this.deadline = deadline;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("heartbeat-harness " + RunDefaults.harnessVersion() + " doctor, in "
                + Path.of("").toAbsolutePath());
        List<Prerequisite> all = prerequisites.get();
        DoctorReport report = new DoctorReport(all, Examination.run(all, deadline));
        report.lines().forEach(out::println);
        out.flush();
        return strict && !report.allOk() ? HarnessCli.EXIT_FAILED : HarnessCli.EXIT_OK;
    }
}
