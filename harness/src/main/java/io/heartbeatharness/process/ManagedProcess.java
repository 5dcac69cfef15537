package io.heartbeatharness.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heartbeatharness.time.Mono;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.Timeline;
import io.heartbeatharness.timeline.TimelineEvent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An OS process the harness started: its JSON-lines stdout joins the cell's timeline, and it can be frozen
 * ({@code SIGSTOP}), resumed ({@code SIGCONT}) and killed ({@code SIGKILL}) for real.
 *
 * <p>Where {@code perl} or {@code setsid} exists (every Linux), the process starts in a process group of its own
 * ({@link OwnGroup}), so signals and clean-up reach everything it started — also a grandchild that was re-parented
 * after its parent exited, and every process of a shell-wrapped target when it is frozen.
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
public final class ManagedProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final boolean ownGroup;
    private final Timeline timeline;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Deque<String> stdoutTail = new ArrayDeque<>();
    private final Object signal = new Object();
    private final List<LineWatch> lineWatches = new CopyOnWriteArrayList<>();

    private volatile boolean stopped;
    private volatile boolean closed;
    /**
     * Taken as this object is made, before the child can have logged anything (a JVM takes far longer to boot):
     * a process restarted under the same name must not find its predecessor's events.
     */
    private final long startedNanos = Mono.now();
    private final Thread stderrPump;

    private ManagedProcess(String name, Process process, boolean ownGroup, Timeline timeline) {
        this.name = name;
        this.process = process;
        this.ownGroup = ownGroup;
        this.timeline = timeline;
        ProcessReaper.register(this);
        if (ownGroup) {
            OrphanGuard.watch(process.pid());
        }
        daemon(name + "-stdout", () -> pump(process.getInputStream(), true));
        stderrPump = daemon(name + "-stderr", () -> pump(process.getErrorStream(), false));
    }

    /**
     * Starts {@code command} (an argv list, never passed through a shell); events it prints join
     * {@code timeline} with {@code name} as their source.
     */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> environment,
                                       java.io.File workingDirectory, Timeline timeline) {
        Leftovers.removeOnce();
        // The prefix makes a process group and execs: same pid, which is now also the process group id.
        List<String> group = OwnGroup.prefix();
        List<String> argv = new java.util.ArrayList<>(group);
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

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

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
        return timeline.events(e -> e.source().equals(name) && e.monoNanos() >= startedNanos && match.test(e))
                .stream().findFirst();
    }

    /**
     * Waits until a line of stdout or stderr matches {@code pattern} (also a line printed before this call, while
     * it is among the last lines kept); fails with the stderr tail when the process exits first or the wait runs out.
     */
    public void awaitLine(String what, Pattern pattern, Duration timeout) {
        LineWatch watch = new LineWatch(pattern, new AtomicBoolean());
        lineWatches.add(watch);
        try {
            // Registered first, then the tails: a line is seen by one or the other, never by neither.
            for (Deque<String> tail : List.of(stdoutTail, stderrTail)) {
                synchronized (tail) {
                    tail.forEach(watch::offer);
                }
            }
            awaitReady(what, watch.seen()::get, timeout);
        } finally {
            lineWatches.remove(watch);
        }
    }

    /**
     * Waits until {@code ready} holds, asking again whenever the process prints a line and at least every 50 ms;
     * fails with the stderr tail when the process exits first or the wait runs out.
     */
    public void awaitReady(String what, BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (signal) {
            while (true) {
                if (ready.getAsBoolean()) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (!process.isAlive()) {
                    throw new ProcessStartException(name + ": exited with status " + process.exitValue()
                            + " before " + what + "; stderr tail: " + stderrTailAfterExit());
                }
                if (left <= 0) {
                    throw new ProcessStartException(name + ": no " + what + " within " + timeout.toMillis()
                            + " ms; stderr tail: " + stderrTail());
                }
                try {
                    signal.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, 50_000_000L))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ProcessStartException(name + ": interrupted while waiting for " + what, e);
                }
            }
        }
    }

    /** A wait for a line matching {@code pattern}; {@code seen} turns true on the first match. */
    private record LineWatch(Pattern pattern, AtomicBoolean seen) {
        void offer(String line) {
            if (pattern.matcher(line).find()) {
                seen.set(true);
            }
        }
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

    /** Whether the process was frozen with {@link #sigstop()} and not resumed since. */
    public boolean isStopped() {
        return stopped && process.isAlive();
    }

    private void signal(String signal) {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + ": cannot send SIG" + signal + ", the process has exited with status "
                    + process.exitValue());
        }
        if (!ownGroup || !Signals.sendGroup(signal, pid())) {
            Signals.send(signal, process.toHandle());
        }
    }

    /** {@code kill -9}: the process and everything it started die at once; their kernel closes their sockets. */
    public void kill9() {
        timeline.record(Sources.HARNESS, HarnessEvents.SIGKILL, "process", name, "pid", pid());
        destroyAll();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The stderr tail of a process that has exited, once its last lines are read: the exit is seen before the pump
     * thread has drained the pipe, and those last lines are the ones that say why.
     */
    private String stderrTailAfterExit() {
        try {
            stderrPump.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return stderrTail();
    }

    public String stderrTail() {
        synchronized (stderrTail) {
            return String.join("\n", stderrTail);
        }
    }

    public String stdoutTail() {
        synchronized (stdoutTail) {
            return String.join("\n", stdoutTail);
        }
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
            destroyAll();
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

    /** SIGCONT then SIGKILL to the group (also reaching re-parented grandchildren), then to each descendant. */
    private void destroyAll() {
        List<ProcessHandle> all = new java.util.ArrayList<>(process.toHandle().descendants().toList());
        all.add(process.toHandle());
        // Also once the process itself has exited: a grandchild it left behind is still in its group. The kernel
        // does not reuse a pid while it names a live group, so this cannot reach an unrelated process.
        if (ownGroup) {
            Signals.sendGroup("CONT", pid());
            Signals.sendGroup("KILL", pid());
        }
        for (ProcessHandle handle : all) {
            Signals.sendQuietly("CONT", handle);
            handle.destroyForcibly();
        }
    }

    private void pump(InputStream stream, boolean stdout) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                Deque<String> tail = stdout ? stdoutTail : stderrTail;
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
                String printed = line;
                lineWatches.forEach(watch -> watch.offer(printed));
                if (stdout) {
                    toEvent(line).ifPresent(timeline::add);
                }
                synchronized (signal) {
                    signal.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // The stream closes when the process dies; nothing more to read.
        }
        if (stdout) {
            process.onExit().thenRun(() -> {
                timeline.record(Sources.HARNESS, HarnessEvents.PROCESS_EXIT, "process", name, "status", process.exitValue());
                synchronized (signal) {
                    signal.notifyAll();
                }
            });
        }
    }

    /** A JSON-lines event ({@code event}, {@code mono_ns}, {@code wall_ms}, details); other lines are ignored. */
    private Optional<TimelineEvent> toEvent(String line) {
        if (!line.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(line);
            if (!node.hasNonNull("event") || !node.hasNonNull("mono_ns")) {
                return Optional.empty();
            }
            Map<String, Object> data = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey();
                if (key.equals("event") || key.equals("mono_ns") || key.equals("wall_ms")) {
                    continue;
                }
                JsonNode value = field.getValue();
                data.put(key, value.isIntegralNumber() ? value.longValue()
                        : value.isBoolean() ? value.booleanValue() : value.asText());
            }
            return Optional.of(new TimelineEvent(node.get("mono_ns").asLong(), node.path("wall_ms").asLong(),
                    name, node.get("event").asText(), data));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
