package io.heartbeatharness.cell;

import io.heartbeatharness.backend.UnsupportedFault;
import io.heartbeatharness.target.Placeholders;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.target.TargetLaunch;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.backend.toxiproxy.DockerImages;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.Timeline;

import java.util.Optional;

/**
 * Starts a {@link TargetLaunch.Image} target as {@link CommandTargets} starts a program: placeholders filled with the
 * port and the scaled parameters, the container on the host's network, then a wait for its declared readiness. Where
 * no Docker engine answers or the image is not present, every cell of such a target is UNSUPPORTED with the reason.
 */
public final class ContainerTargets {
    private ContainerTargets() {
    }

    /**
     * Why {@code target}, a container target, cannot run here ("container image python:3.12-alpine: no Docker engine
     * answers: …"); empty for a target of any other kind, or where its image can start.
     */
    public static Optional<String> unavailableReason(Target target) {
        if (!(target.launch() instanceof TargetLaunch.Image image)) {
            return Optional.empty();
        }
        return DockerImages.unavailableReason(image.image()).map(reason -> "container image " + image.image() + ": " + reason);
    }

    /** Starts {@code launch}; a server gets {@code port} or, when it is 0, a free loopback port chosen here. */
    static CommandTargets.Started start(String name, Target target, TargetLaunch.Image launch, Side role, int port,
                                        HeartbeatParams scaled, Timeline timeline) {
        unavailableReason(target).ifPresent(reason -> {
            throw new UnsupportedFault(reason);
        });
        int chosen = CommandTargets.portFor(role, port);
        ContainerSpec spec = ContainerSpec.of(launch, Placeholders.values(CommandTargets.HOST, chosen, target.path(), scaled));
        TargetContainer container = TargetContainer.start(name, spec, timeline);
        try {
            CommandTargets.awaitReady(container, launch.readiness(), chosen);
        } catch (RuntimeException notReady) {
            container.close();
            throw notReady;
        }
        timeline.record(Sources.HARNESS, HarnessEvents.TARGET_READY, "process", name, "port", chosen);
        return new CommandTargets.Started(container, chosen);
    }
}
