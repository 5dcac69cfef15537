package io.heartbeatharness.cell;

import io.heartbeatharness.target.Placeholders;
import io.heartbeatharness.target.TargetLaunch;
import io.heartbeatharness.process.RunMarker;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container target's configuration for one start, placeholders filled: what {@link TargetContainer} gives
 * Testcontainers. The host's network ({@code --network host}) puts it on the host's loopback, where the cell's proxy
 * and peer are, with no port to map; it carries its run's {@link RunMarker} as a label.
 *
 * @param image   the image, e.g. {@code python:3.12-alpine}
 * @param command the container's command; empty for the image's own
 * @param env     variables set in the container
 * @param labels  labels on the container
 */
record ContainerSpec(String image, List<String> command, Map<String, String> env, Map<String, String> labels) {
    static final String HOST_NETWORK = "host";
    /** The label holding {@link RunMarker#id()} of the run that started the container. */
    static final String RUN_LABEL = "io.heartbeatharness.run";

    ContainerSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
    }

    /** {@code launch} with its placeholders filled from {@code values} ({@link Placeholders#values}). */
    static ContainerSpec of(TargetLaunch.Image launch, Map<String, String> values) {
        List<String> command = new ArrayList<>();
        launch.command().forEach(arg -> command.add(Placeholders.fill(arg, values)));
        Map<String, String> env = new LinkedHashMap<>();
        launch.env().forEach((key, value) -> env.put(key, Placeholders.fill(value, values)));
        return new ContainerSpec(launch.image(), command, env, Map.of(RUN_LABEL, RunMarker.current().id()));
    }

    /**
     * A container configured from this spec, not started. It counts as started once Docker runs it: readiness is the
     * spec's own, waited for as a process's is ({@link CommandTargets#awaitReady}).
     */
    GenericContainer<?> container() {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image));
        container.setExposedPorts(List.of());
        container.withNetworkMode(HOST_NETWORK)
                .withEnv(env)
                .withLabels(labels)
                .withStartupAttempts(1)
                .waitingFor(new Running());
        if (!command.isEmpty()) {
            container.withCommand(command.toArray(String[]::new));
        }
        return container;
    }

    /** Nothing to wait for once Docker reports the container running (Testcontainers checks that itself). */
    private static final class Running extends AbstractWaitStrategy {
        @Override
        protected void waitUntilReady() {
        }
    }
}
