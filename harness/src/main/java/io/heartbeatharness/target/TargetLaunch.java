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
            return TargetLaunch.passes(name, command, env);
        }
    }

    /**
     * A container image run on the host's network ({@code --network host}), so that it listens and connects on
     * loopback as a program started by command does; {@code command} and {@code env} may hold the same
     * {@link Placeholders}. Needs a Docker engine with the image already present.
     *
     * @param image     the image, with its tag or digest, e.g. {@code python:3.12-alpine}
     * @param command   the container's command; empty for the image's own
     * @param env       variables set in the container
     * @param readiness when the started container counts as ready
     */
    record Image(String image, List<String> command, Map<String, String> env, Readiness readiness)
            implements TargetLaunch {
        public Image {
            command = List.copyOf(command);
            env = Map.copyOf(env);
        }

        /** Whether the command or the environment passes placeholder {@code name}. */
        public boolean passes(String name) {
            return TargetLaunch.passes(name, command, env);
        }
    }

    private static boolean passes(String name, List<String> command, Map<String, String> env) {
        String placeholder = Placeholders.of(name);
        return command.stream().anyMatch(arg -> arg.contains(placeholder))
                || env.values().stream().anyMatch(value -> value.contains(placeholder));
    }
}
