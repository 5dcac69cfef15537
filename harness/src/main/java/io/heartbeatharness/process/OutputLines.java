package io.heartbeatharness.process;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The last lines a started program printed on stdout and stderr, and waits for a line matching a pattern: what
 * readiness by log line and error messages read, the same for a process and for a container.
 */
public final class OutputLines {
    private static final int TAIL_LINES = 40;

    private final Deque<String> stdout = new ArrayDeque<>();
    private final Deque<String> stderr = new ArrayDeque<>();
    private final List<Watch> watches = new CopyOnWriteArrayList<>();

    /** Keeps {@code line} in its stream's tail and shows it to every open watch. */
    public void add(String line, boolean fromStderr) {
        Deque<String> tail = fromStderr ? stderr : stdout;
        synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }
        watches.forEach(watch -> watch.offer(line));
    }

    /**
     * A watch for a line matching {@code pattern}, seen at once if a kept line matches or as soon as a later one
     * does; close it when the wait is over.
     */
    public Watch watch(Pattern pattern) {
        Watch watch = new Watch(pattern);
        // Registered first, then the tails: a line is seen by one or the other, never by neither.
        watches.add(watch);
        for (Deque<String> tail : List.of(stdout, stderr)) {
            synchronized (tail) {
                tail.forEach(watch::offer);
            }
        }
        return watch;
    }

    public String stdoutTail() {
        return joined(stdout);
    }

    public String stderrTail() {
        return joined(stderr);
    }

    private static String joined(Deque<String> tail) {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    /** One wait for a line; {@link #seen()} turns true on the first match. */
    public final class Watch implements AutoCloseable {
        private final Pattern pattern;
        private volatile boolean seen;

        private Watch(Pattern pattern) {
            this.pattern = pattern;
        }

        private void offer(String line) {
            if (!seen && pattern.matcher(line).find()) {
                seen = true;
            }
        }

        public boolean seen() {
            return seen;
        }

        @Override
        public void close() {
            watches.remove(this);
        }
    }
}
