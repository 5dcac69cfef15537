package io.heartbeatharness.cli;

import io.heartbeatharness.reference.ReferenceMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code reference ...}: runs a reference server or client in this process (see {@link ReferenceMain}). */
@Command(name = "reference", description = "Run a reference heartbeat server or client (see 'reference --help').",
        mixinStandardHelpOptions = false)
final class ReferenceCommand implements Callable<Integer> {
    /** Everything after {@code reference}, options included, goes to the reference runner untouched. */
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        return ReferenceMain.run(args.toArray(String[]::new));
    }
}
