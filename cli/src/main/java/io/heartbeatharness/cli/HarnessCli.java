package io.heartbeatharness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code java -jar heartbeat-harness.jar <command>}: exit 0 when every cell passed, 1 when any cell is FAIL or
 * ERROR, 2 for a usage or input error.
 */
@Command(name = "heartbeat-harness", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Proves that heartbeat and reconnect logic detects dead peers within its declared budget.",
        subcommands = {ListCommand.class, CheckCommand.class, MergeCommand.class, ReferenceCommand.class,
                ProxyCommand.class, DoctorCommand.class})
public final class HarnessCli implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: list, check, merge, reference, proxy, doctor");
    }

    public static int execute(String... args) {
        return execute(null, null, args);
    }

    /** Runs a command in-process with picocli's messages and input errors going to {@code out} and {@code err}. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new HarnessCli());
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("heartbeat-harness: " + e.getMessage());
            e.getCommandLine().getErr().println("Try 'heartbeat-harness " + e.getCommandLine().getCommandName()
                    .replace("heartbeat-harness", "").trim() + " --help'.".replace("  ", " "));
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("heartbeat-harness: " + e.getMessage());
                return EXIT_USAGE;
            }
            throw e;
        });
        return cli.execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
