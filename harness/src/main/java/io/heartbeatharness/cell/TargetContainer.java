package io.heartbeatharness.cell;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.heartbeatharness.process.OutputLines;
import io.heartbeatharness.process.ProcessStartException;
import io.heartbeatharness.process.StartedProgram;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.Timeline;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * A target running in a container ({@link ContainerSpec}), treated as a process is: its output lines are kept for
 * readiness and error messages, {@code docker pause} freezes it (the cgroup freezer: nothing in it runs, the host's
 * kernel keeps ACKing), {@code docker kill} kills it, and closing removes it. Containers still running when the JVM
 * exits are removed by a shutdown hook (and by Testcontainers' Ryuk, where it runs).
 */
final class TargetContainer implements StartedProgram {
    /** How often a wait asks Docker whether the container still runs, between the lines it prints. */
    private static final long POLL_MS = 50;
    private static final Set<TargetContainer> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(TargetContainer::close),
                "target-containers-removal"));
    }

    private final String name;
    private final GenericContainer<?> container;
    private final Timeline timeline;
    private final OutputLines lines = new OutputLines();
    /** Notified on every line, so that a wait asks again at once. */
    private final Object signal = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean paused;

    private TargetContainer(String name, GenericContainer<?> container, Timeline timeline) {
        this.name = name;
        this.container = container;
        this.timeline = timeline;
    }

    /** Starts {@code spec}'s container; its output lines are read from the start. */
    static TargetContainer start(String name, ContainerSpec spec, Timeline timeline) {
        TargetContainer started = new TargetContainer(name, spec.container(), timeline);
        started.container.withLogConsumer(started::onOutput);
        LIVE.add(started);
        try {
            started.container.start();
        } catch (RuntimeException e) {
            started.close();
            throw new ProcessStartException(name + ": container " + spec.image() + " did not start: " + rootMessage(e)
                    + "; stderr tail: " + started.stderrTail(), e);
        }
        timeline.record(Sources.HARNESS, HarnessEvents.PROCESS_START, "process", name, "container", started.shortId(),
                "image", spec.image());
        return started;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isAlive() {
        return state().map(s -> Boolean.TRUE.equals(s.getRunning())).orElse(false);
    }

    @Override
    public void freeze() {
        requireAlive("pause");
        docker().pauseContainerCmd(container.getContainerId()).exec();
        paused = true;
        timeline.record(Sources.HARNESS, HarnessEvents.SIGSTOP, "process", name, "container", shortId());
    }

    @Override
    public void resume() {
        requireAlive("unpause");
        docker().unpauseContainerCmd(container.getContainerId()).exec();
        paused = false;
        timeline.record(Sources.HARNESS, HarnessEvents.SIGCONT, "process", name, "container", shortId());
    }

    /** {@code docker kill} (SIGKILL to everything in it); waits until Docker reports it stopped. */
    @Override
    public void kill() {
        timeline.record(Sources.HARNESS, HarnessEvents.SIGKILL, "process", name, "container", shortId());
        unpauseQuietly();
        docker().killContainerCmd(container.getContainerId()).exec();
        awaitStopped(Duration.ofSeconds(5));
    }

    @Override
    public void awaitReady(String what, BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (signal) {
            while (true) {
                if (ready.getAsBoolean()) {
                    return;
                }
                if (!isAlive()) {
                    String status = state().map(s -> " with status " + s.getExitCodeLong()).orElse("");
                    throw new ProcessStartException(name + ": container exited" + status + " before " + what
                            + "; stderr tail: " + stderrTail());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ProcessStartException(name + ": no " + what + " within " + timeout.toMillis()
                            + " ms; stderr tail: " + stderrTail());
                }
                try {
                    signal.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), POLL_MS)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ProcessStartException(name + ": interrupted while waiting for " + what, e);
                }
            }
        }
    }

    @Override
    public void awaitLine(String what, Pattern pattern, Duration timeout) {
        try (OutputLines.Watch watch = lines.watch(pattern)) {
            awaitReady(what, watch::seen, timeout);
        }
    }

    @Override
    public String stderrTail() {
        return lines.stderrTail();
    }

    /** Unpauses (a paused container cannot be stopped), then stops and removes the container. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (container.getContainerId() != null) {
                unpauseQuietly();
            }
            container.stop();
        } finally {
            LIVE.remove(this);
        }
    }

    private void onOutput(OutputFrame frame) {
        if (frame.getType() == OutputFrame.OutputType.END) {
            Integer status = state().map(s -> s.getExitCodeLong() == null ? null : s.getExitCodeLong().intValue()).orElse(null);
            timeline.record(Sources.HARNESS, HarnessEvents.PROCESS_EXIT, "process", name, "status",
                    status == null ? "unknown" : status);
        } else {
            lines.add(frame.getUtf8StringWithoutLineEnding(), frame.getType() == OutputFrame.OutputType.STDERR);
        }
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void awaitStopped(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void unpauseQuietly() {
        if (!paused) {
            return;
        }
        try {
            docker().unpauseContainerCmd(container.getContainerId()).exec();
        } catch (RuntimeException alreadyGone) {
            // Removed or stopped meanwhile: nothing is left frozen.
        }
        paused = false;
    }

    private void requireAlive(String action) {
        if (!isAlive()) {
            throw new IllegalStateException(name + ": cannot " + action + " container " + shortId() + ", it is not running");
        }
    }

    private Optional<InspectContainerResponse.ContainerState> state() {
        String id = container.getContainerId();
        if (id == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(docker().inspectContainerCmd(id).exec().getState());
        } catch (RuntimeException gone) {
            return Optional.empty();
        }
    }

    private DockerClient docker() {
        return container.getDockerClient();
    }

    private String shortId() {
        String id = container.getContainerId();
        return id == null ? "-" : id.substring(0, Math.min(12, id.length()));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }
}
