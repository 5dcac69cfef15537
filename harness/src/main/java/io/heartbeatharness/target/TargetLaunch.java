package io.heartbeatharness.target;

import io.heartbeatharness.reference.Design;
import io.heartbeatharness.reference.common.KnownBad;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How the harness gets hold of a target. */
public sealed interface TargetLaunch {

    /** One of the harness's own reference designs, run from the harness jar as its own process. */
    record Reference(Design design, Set<KnownBad> flaws) implements TargetLaunch {
        public Reference {
            flaws = Set.copyOf(flaws);
        }
    }

    /** A target that is already running at this address; the harness cannot freeze or kill it. */
    record Address(String host, int port) implements TargetLaunch {
    }

    /**
     * Any program, started as its own process (argv, never a shell): {@code command} and {@code env} values may
     * hold {@link Placeholders} that are filled with the cell's port and scaled parameters at start.
     *
     * @param command   argv, the executable first
     * @param env       variables added to the harness's environment
     * @param workdir   working directory
     * @param readiness when the started program counts as ready
     */
    record Command(List<String> command, Map<String, String> env, Path workdir, Readiness readiness)
            implements TargetLaunch {
        public Command {
            command = List.copyOf(command);
            env = Map.copyOf(env);
        }

        /** Whether the command line or the environment passes placeholder {@code name} (e.g. {@code interval_ms}). */
        public boolean passes(String name) {
            String placeholder = Placeholders.of(name);
            return command.stream().anyMatch(arg -> arg.contains(placeholder))
                    || env.values().stream().anyMatch(value -> value.contains(placeholder));
        }
    }
}
