package io.heartbeatharness.process;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * A program the harness started for a cell — an OS process ({@link ManagedProcess}) or a container — and all a cell
 * does to it: wait for it to be ready, freeze and resume it, kill it, and remove it at the end.
 */
public interface StartedProgram extends AutoCloseable {

    /** The timeline source its events and the harness's marks about it carry, e.g. {@code target}. */
    String name();

    boolean isAlive();

    /** Freezes it for real: nothing in it runs, while the kernel keeps ACKing what is sent to its sockets. */
    void freeze();

    /** Lets a frozen program run again. */
    void resume();

    /** Kills it at once, everything it started with it; the kernel closes its sockets. */
    void kill();

    /**
     * Waits until {@code ready} holds, asking again whenever it prints a line; fails with the tail of its error output
     * when it exits first or the wait runs out.
     */
    void awaitReady(String what, BooleanSupplier ready, Duration timeout);

    /** Waits until a line it prints matches {@code pattern}; fails as {@link #awaitReady} does. */
    void awaitLine(String what, Pattern pattern, Duration timeout);

    /** The last lines of its error output, for messages. */
    String stderrTail();

    /** Stops and removes it, resuming it first if frozen. Idempotent. */
    @Override
    void close();
}
