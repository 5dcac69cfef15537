package io.heartbeatharness.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Processes that dead runs started: found in {@code /proc} by the {@link RunMarker#ENV} in their environment or, for
 * nginx (which overwrites its environment with its process title), by the run's name in its command line. Each is
 * resumed and killed with everything in its process group — the harness starts every process as a group leader
 * ({@link OwnGroup}) — so that nginx's workers and a stopped peer's threads go too.
 */
public final class LeftoverProcesses implements LeftoverKind {
    private static final Path PROC = Path.of("/proc");
    /** How long a SIGKILLed group may take to disappear; a guard, the kernel needs milliseconds. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);
    private static final byte[] ENV_PREFIX = (RunMarker.ENV + "=").getBytes(StandardCharsets.US_ASCII);

    /** One process as {@code /proc} shows it: {@code state} {@code T} is stopped. */
    public record Proc(long pid, long group, char state, String command) {
    }

    /** The processes run {@code run} started that are still there (also a stopped one, also nginx's). */
    public static List<Proc> ownedBy(RunMarker run) {
        List<Proc> all = processes();
        List<Long> leaders = all.stream().filter(p -> owner(p.pid()).filter(run::equals).isPresent())
                .map(Proc::pid).toList();
        return all.stream().filter(p -> leaders.contains(p.pid()) || leaders.contains(p.group())).toList();
    }

    /** One instance is built in to {@link Leftovers}. */
    LeftoverProcesses() {
    }

    @Override
    public List<String> removeLeftovers() {
        if (!Files.isDirectory(PROC.resolve("self"))) {
            return List.of();
        }
        long self = ProcessHandle.current().pid();
        List<Proc> all = processes();
        List<String> removed = new ArrayList<>();
        for (Proc proc : all) {
            if (proc.pid() == self || proc.pid() == 1) {
                continue;
            }
            Optional<RunMarker> owner = owner(proc.pid());
            if (owner.isEmpty() || !owner.get().isDead()) {
                continue;
            }
            kill(proc, all);
            removed.add("process " + proc.pid() + " (" + proc.command() + (proc.state() == 'T' ? ", stopped" : "")
                    + ", run " + owner.get().id() + ")");
        }
        return removed;
    }

    /** The run that started process {@code pid}, if any: its environment's marker or its command line's name. */
    static Optional<RunMarker> owner(long pid) {
        Path dir = PROC.resolve(Long.toString(pid));
        try {
            byte[] environ = Files.readAllBytes(dir.resolve("environ"));
            Optional<String> marker = variable(environ);
            if (marker.isPresent()) {
                return RunMarker.parse(marker.get());
            }
            String cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8);
            return RunMarker.findName(Leftovers.NGINX_PREFIX, cmdline);
        } catch (IOException goneOrForbidden) {
            return Optional.empty();
        }
    }

    private static Optional<String> variable(byte[] environ) {
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (startsWith(environ, start, i)) {
                    return Optional.of(new String(environ, start + ENV_PREFIX.length, i - start - ENV_PREFIX.length,
                            StandardCharsets.US_ASCII));
                }
                start = i + 1;
            }
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] environ, int from, int to) {
        if (to - from < ENV_PREFIX.length) {
            return false;
        }
        for (int j = 0; j < ENV_PREFIX.length; j++) {
            if (environ[from + j] != ENV_PREFIX[j]) {
                return false;
            }
        }
        return true;
    }

    /**
     * SIGCONT then SIGKILL: to the whole process group when the process leads one (all harness processes do),
     * otherwise to the process alone — a process that shares a group with something else (a user's shell job) is
     * never reason to kill that group.
     */
    private static void kill(Proc leftover, List<Proc> all) {
        List<Long> targets = new ArrayList<>();
        if (leftover.group() == leftover.pid()) {
            all.stream().filter(p -> p.group() == leftover.group()).forEach(p -> targets.add(p.pid()));
        } else {
            targets.add(leftover.pid());
        }
        List<ProcessHandle> handles = targets.stream().map(ProcessHandle::of).flatMap(Optional::stream).toList();
        for (ProcessHandle handle : handles) {
            Signals.sendQuietly("CONT", handle);
            handle.destroyForcibly();
        }
        // Gone before anything else is removed: a dying nginx must not write into the directory being deleted.
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        for (ProcessHandle handle : handles) {
            try {
                handle.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException stillThere) {
                // Reported by the next sweep, if it really survived SIGKILL (a process stuck in the kernel).
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static List<Proc> processes() {
        List<Proc> processes = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                stat(Long.parseLong(name)).ifPresent(processes::add);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        return processes;
    }

    /** Fields 3 (state) and 5 (process group) of {@code /proc/<pid>/stat}, and field 2 (the command name). */
    static Optional<Proc> stat(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            int close = stat.lastIndexOf(')');
            String command = stat.substring(stat.indexOf('(') + 1, close);
            String[] after = stat.substring(close + 2).split(" ");
            return Optional.of(new Proc(pid, Long.parseLong(after[5 - 3]), after[0].charAt(0), command));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }
}
