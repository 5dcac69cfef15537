package io.heartbeatharness.cli;

import io.heartbeatharness.scenario.catalogue.Catalogue;
import io.heartbeatharness.scenario.Scenario;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code list}: one scenario per line, id first, then requirement and description. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the scenario catalogue.")
final class ListCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        int width = Catalogue.all().stream().mapToInt(s -> s.id().length()).max().orElse(10);
        for (Scenario scenario : Catalogue.all()) {
            System.out.printf("%-" + width + "s  %-6s  %s%n", scenario.id(), scenario.requirement(), scenario.description());
        }
        return HarnessCli.EXIT_OK;
    }
}
