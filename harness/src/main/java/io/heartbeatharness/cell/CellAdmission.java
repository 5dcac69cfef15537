package io.heartbeatharness.cell;

import io.heartbeatharness.time.HarnessPauses;

import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Lets cells of one JVM run side by side, except a {@linkplain Scenario#exclusive() machine-hungry} one, which runs
 * with no other cell beside it. A storm of 200 reconnects or a fleet of peer processes starting at once takes both
 * cores of a small machine for a moment; a cell beside it that is waiting for an I + T deadline would see that
 * moment as lateness its target never had. The machine is one resource per process, hence one gate per process.
 *
 * <p>The lock is fair, so a waiting exclusive cell is not starved by a stream of ordinary ones; schedulers start
 * exclusive cells first so that none waits at all.
 */
public final class CellAdmission {
    private static final ReentrantReadWriteLock GATE = new ReentrantReadWriteLock(true);
    private static final Semaphore STARTING = new Semaphore(1, true);

    private CellAdmission() {
    }

    /**
     * Blocks until a cell may run, alone when {@code exclusive} (its scenario's {@code exclusive()}); close the
     * returned ticket when the cell is over.
     */
    public static Ticket enter(boolean exclusive) {
        if (!exclusive) {
            Lock lock = GATE.readLock();
            lock.lock();
            return lock::unlock;
        }
        Lock lock = GATE.writeLock();
        lock.lock();
        // No other cell runs on either side of an exclusive one: the moments to collect the harness's garbage, the
        // storm's and the fleet's included, rather than in the middle of some cell's detection window.
        HarnessPauses.collectWhileNothingIsTimed();
        return () -> {
            HarnessPauses.collectWhileNothingIsTimed();
            lock.unlock();
        };
    }

    /**
     * Blocks until no other cell is starting its processes; close the returned ticket once this cell's connection
     * works. A JVM starting up takes a core for most of a second, and cells admitted together would otherwise start
     * theirs together: six cells' twelve JVMs starved a running cell's proxy, and the harness's own collector,
     * for 1.6 s on a 2-core machine. One cell starting at a time keeps that burst to one cell's processes.
     */
    public static Ticket startProcesses() {
        STARTING.acquireUninterruptibly();
        return STARTING::release;
    }

    /** A held admission. */
    @FunctionalInterface
    public interface Ticket extends AutoCloseable {
        @Override
        void close();
    }
}
