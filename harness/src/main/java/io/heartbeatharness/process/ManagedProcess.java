package io.heartbeatharness.process;

import io.heartbeatharness.time.Mono;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.Timeline;
import io.heartbeatharness.timeline.TimelineEvent;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An OS process the harness started: its JSON-lines stdout joins the cell's timeline ({@link ProcessOutput}), and it
 * can be frozen ({@code SIGSTOP}), resumed ({@code SIGCONT}) and killed ({@code SIGKILL}) for real.
 *
 * <p>Where {@code perl} or {@code setsid} exists (every Linux), the process starts in a process group of its own
 * ({@link OwnGroup}), so signals and clean-up reach everything it started ({@link SignalTarget}) — also a grandchild
 * that was re-parented after its parent exited, and every process of a shell-wrapped target when it is frozen.
 * The group stays in the harness's session, so that the kernel schedules it with the harness (see {@link OwnGroup});
 * should the harness die, the kernel sends an orphaned group with a stopped member SIGHUP and SIGCONT.
 *
 * <p>Clean-up is guaranteed three times over: {@link #close()} (call it in {@code finally} or use
 * try-with-resources) resumes and then kills the group and every descendant; every live process is registered
 * with {@link ProcessReaper}, whose shutdown hook does the same if the JVM exits first; and {@link OrphanGuard}
 * does it when the JVM is killed outright. Should even that guard be killed, every process carries its run's
 * {@link RunMarker} in its environment, and the next run's {@link Leftovers} removes it. A failed, interrupted or
 * killed run leaves no stopped or orphaned process behind.
 */
public final class ManagedProcess implements StartedProgram {
    private final String name;
    private final Process process;
    private final boolean ownGroup;
    private final Timeline timeline;
    private final SignalTarget signals;
    private final ProcessOutput output;

    private volatile boolean stopped;
    private volatile boolean closed;
    /**
     * Taken as this object is made, before the child can have logged anything (a JVM takes far longer to boot):
     * a process restarted under the same name must not find its predecessor's events.
     */
    private final long startedNanos = Mono.now();

    private ManagedProcess(String name, Process process, boolean ownGroup, Timeline timeline) {
        this.name = name;
        this.process = process;
        this.ownGroup = ownGroup;
        this.timeline = timeline;
        this.signals = new SignalTarget(process, ownGroup);
        ProcessReaper.register(this);
        if (ownGroup) {
            OrphanGuard.watch(process.pid());
        }
        this.output = new ProcessOutput(name, process, timeline);
    }

    /**
     * Starts {@code command} (an argv list, never passed through a shell); events it prints join
     * {@code timeline} with {@code name} as their source.
     */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> environment,
                                       File workingDirectory, Timeline timeline) {
        Leftovers.removeOnce();
        // The prefix makes a process group and execs: same pid, which is now also the process group id.
        List<String> group = OwnGroup.prefix();
        List<String> argv = new ArrayList<>(group);
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (environment != null) {
            builder.environment().putAll(environment);
        }
        // Set last, so a target's own environment cannot hide it: how a later run recognises a leftover of this one.
        builder.environment().put(RunMarker.ENV, RunMarker.current().id());
        if (workingDirectory != null) {
            builder.directory(workingDirectory);
        }
        try {
            Process process = builder.start();
            timeline.record(Sources.HARNESS, HarnessEvents.PROCESS_START, "process", name, "pid", process.pid());
            return new ManagedProcess(name, process, !group.isEmpty(), timeline);
        } catch (IOException e) {
            throw new ProcessStartException(name + ": cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    public static ManagedProcess start(String name, List<String> command, Timeline timeline) {
        return start(name, command, Map.of(), null, timeline);
    }

    @Override
    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    public Timeline timeline() {
        return timeline;
    }

    /**
     * Waits until the process prints an event matching {@code match}; fails with the stderr tail when the
     * process exits first or the wait runs out.
     */
    public TimelineEvent awaitEvent(String what, Predicate<TimelineEvent> match, Duration timeout) {
        awaitReady(what, () -> firstEvent(match).isPresent(), timeout);
        return firstEvent(match).orElseThrow();
    }

    private Optional<TimelineEvent> firstEvent(Predicate<TimelineEvent> match) {
        return timeline.first(name, startedNanos, match);
    }

    /**
     * Waits until a line of stdout or stderr matches {@code pattern} (also a line printed before this call, while
     * it is among the last lines kept); fails with the stderr tail when the process exits first or the wait runs out.
     */
    @Override
    public void awaitLine(String what, Pattern pattern, Duration timeout) {
        output.awaitLine(what, pattern, timeout);
    }

    /**
     * Waits until {@code ready} holds, asking again whenever the process prints a line and at least every 50 ms;
     * fails with the stderr tail when the process exits first or the wait runs out.
     */
    @Override
    public void awaitReady(String what, BooleanSupplier ready, Duration timeout) {
        output.awaitReady(what, ready, timeout);
    }

    /** Freezes the process (its whole group) for real: its kernel keeps ACKing, nothing in it runs. */
    public void sigstop() {
        signal("STOP");
        stopped = true;
        timeline.record(Sources.HARNESS, HarnessEvents.SIGSTOP, "process", name, "pid", pid());
    }

    public void sigcont() {
        signal("CONT");
        stopped = false;
        timeline.record(Sources.HARNESS, HarnessEvents.SIGCONT, "process", name, "pid", pid());
    }

    /** {@link #sigstop()}. */
    @Override
    public void freeze() {
        sigstop();
    }

    /** {@link #sigcont()}. */
    @Override
    public void resume() {
        sigcont();
    }

    /** {@link #kill9()}. */
    @Override
    public void kill() {
        kill9();
    }

    /** Whether the process was frozen with {@link #sigstop()} and not resumed since. */
    public boolean isStopped() {
        return stopped && process.isAlive();
    }

    private void signal(String signal) {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + ": cannot send SIG" + signal + ", the process has exited with status "
                    + process.exitValue());
        }
        signals.send(signal);
    }

    /** {@code kill -9}: the process and everything it started die at once; their kernel closes their sockets. */
    public void kill9() {
        timeline.record(Sources.HARNESS, HarnessEvents.SIGKILL, "process", name, "pid", pid());
        signals.killAll();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String stderrTail() {
        return output.stderrTail();
    }

    public String stdoutTail() {
        return output.stdoutTail();
    }

    /**
     * Resumes (so that nothing stays frozen, whatever happens next) and kills the process, its group and every
     * descendant, then waits for it to be gone. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            signals.killAll();
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped = false;
            ProcessReaper.unregister(this);
            if (ownGroup) {
                OrphanGuard.forget(pid());
            }
        }
    }
}
