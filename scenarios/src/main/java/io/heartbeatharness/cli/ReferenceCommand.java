package io.heartbeatharness.cli;

import io.heartbeatharness.reference.ReferenceMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code reference ...}: runs a reference server or client in this process (see {@link ReferenceMain}). */
@Command(name = "reference", description = "Run a reference heartbeat server or client (see 'reference --help').",
        mixinStandardHelpOptions = false)
final class ReferenceCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", description = "options passed to the reference runner")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        return ReferenceMain.run(args.toArray(String[]::new));
    }
}
