package io.heartbeatharness.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which harness run owns something the harness left in the system — a process, a temporary directory, a network
 * namespace: the owning JVM's pid and its start time in clock ticks since boot (field 22 of
 * {@code /proc/<pid>/stat}), so that a reused pid is never mistaken for the owner. A run is dead when no process
 * with that pid and start time exists any more; whatever it left is then a leftover that the next run removes.
 *
 * <p>Processes carry it in the environment variable {@value #ENV}; names carry it as
 * {@code <prefix>-<pid>-<start>} (see {@link #name(String)}), e.g. {@code heartbeat-harness-nginx-4711-902311}.
 */
public record RunMarker(long pid, long startTicks) {
    /** The environment variable every process the harness starts carries: {@link #id()} of its run. */
    public static final String ENV = "HEARTBEAT_HARNESS_RUN";

    private static final Pattern ID = Pattern.compile("(\\d+)-(\\d+)");
    private static volatile RunMarker current;

    /** This JVM's marker. */
    public static RunMarker current() {
        RunMarker marker = current;
        if (marker == null) {
            long pid = ProcessHandle.current().pid();
            marker = new RunMarker(pid, startTicks(pid).orElse(0L));
            current = marker;
        }
        return marker;
    }

    /** The marker of the running process {@code pid} (the run it would own), empty when there is none. */
    public static Optional<RunMarker> of(long pid) {
        return startTicks(pid).map(ticks -> new RunMarker(pid, ticks));
    }

    /** {@code <pid>-<start>}, the value of {@value #ENV}. */
    public String id() {
        return pid + "-" + startTicks;
    }

    /** {@code <prefix>-<pid>-<start>}: a name that tells which run made it. */
    public String name(String prefix) {
        return prefix + "-" + id();
    }

    /** Reads an {@link #id()}; empty for anything else. */
    public static Optional<RunMarker> parse(String id) {
        Matcher m = ID.matcher(id);
        return m.matches() ? of(m.group(1), m.group(2)) : Optional.empty();
    }

    /** The marker a name made by {@link #name(String)} with {@code prefix} starts with, if it is such a name. */
    public static Optional<RunMarker> fromName(String prefix, String name) {
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "-(\\d+)-(\\d+)(?:\\D.*)?", Pattern.DOTALL).matcher(name);
        return m.matches() ? of(m.group(1), m.group(2)) : Optional.empty();
    }

    /** The marker of a run whose name appears anywhere in {@code text} (a command line, say), if one does. */
    public static Optional<RunMarker> findName(String prefix, String text) {
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "-(\\d+)-(\\d+)(?!\\d)").matcher(text);
        return m.find() ? of(m.group(1), m.group(2)) : Optional.empty();
    }

    /** Whether the run's JVM is gone: no process with this pid, or one started at another time (a reused pid). */
    public boolean isDead() {
        return startTicks(pid).map(ticks -> ticks != startTicks).orElse(true);
    }

    /** A process's start time in clock ticks since boot, empty when there is no such process. */
    static Optional<Long> startTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces and parentheses: count fields after its closing ')'.
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(after[22 - 3]));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    private static Optional<RunMarker> of(String pid, String ticks) {
        try {
            return Optional.of(new RunMarker(Long.parseLong(pid), Long.parseLong(ticks)));
        } catch (NumberFormatException tooLong) {
            return Optional.empty();
        }
    }
}
