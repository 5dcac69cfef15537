package io.heartbeatharness.process;

import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.Timeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * What a started process prints, read by a daemon thread for each stream: stdout's events join the timeline (and its
 * exit does, once stdout ends), the last lines of both streams are kept for error messages and line waits, and every
 * line wakes whoever waits for the process.
 */
final class ProcessOutput {
    private final String name;
    private final Process process;
    private final Timeline timeline;
    private final OutputLines lines = new OutputLines();
    /** Notified on every line and on the exit, so that a wait asks again at once. */
    private final Object signal = new Object();
    private final Thread stderrPump;

    /** Starts reading {@code process}'s stdout and stderr; its events join {@code timeline} from {@code name}. */
    ProcessOutput(String name, Process process, Timeline timeline) {
        this.name = name;
        this.process = process;
        this.timeline = timeline;
        daemon(name + "-stdout", () -> pump(process.getInputStream(), true));
        stderrPump = daemon(name + "-stderr", () -> pump(process.getErrorStream(), false));
    }

    /** See {@link ManagedProcess#awaitLine}. */
    void awaitLine(String what, Pattern pattern, Duration timeout) {
        try (OutputLines.Watch watch = lines.watch(pattern)) {
            awaitReady(what, watch::seen, timeout);
        }
    }

    /** See {@link ManagedProcess#awaitReady}. */
    void awaitReady(String what, BooleanSupplier ready, Duration timeout) {
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

    String stderrTail() {
        return lines.stderrTail();
    }

    String stdoutTail() {
        return lines.stdoutTail();
    }

    private void pump(InputStream stream, boolean stdout) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line, !stdout);
                if (stdout) {
                    JsonLineEvent.parse(line, name).ifPresent(timeline::add);
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

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
