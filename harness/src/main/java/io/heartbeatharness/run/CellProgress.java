package io.heartbeatharness.run;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Progress of cells that take long: every {@link #EVERY}, one line per running cell with its elapsed time and the
 * time its scenario's budgets let it expect, so a long run never looks hung. Short cells print nothing here.
 */
final class CellProgress implements AutoCloseable {
    /** Often enough to show life, rarely enough that a run of short cells stays quiet. */
    static final Duration EVERY = Duration.ofSeconds(15);

    private final Consumer<String> progress;
    private final Map<Object, Running> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "cell-progress");
        thread.setDaemon(true);
        return thread;
    });

    /** A cell handed to a worker: waiting at the admission gate until {@code admittedNanos} is set. */
    private static final class Running {
        private final String name;
        private final long queuedNanos;
        private final Duration expected;
        private volatile long admittedNanos;

        Running(String name, long queuedNanos, Duration expected) {
            this.name = name;
            this.queuedNanos = queuedNanos;
            this.expected = expected;
        }
    }

    CellProgress(Consumer<String> progress) {
        this.progress = progress;
        ticker.scheduleAtFixedRate(this::tick, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Marks a cell as handed to a worker, waiting for its turn at the admission gate; returns the key that
     * {@link #admitted} and {@link #finished} take.
     */
    Object queued(String name, Duration expected) {
        Object key = new Object();
        running.put(key, new Running(name, System.nanoTime(), expected));
        return key;
    }

    /** The cell got through the admission gate: its running time starts now. */
    void admitted(Object key) {
        Running cell = running.get(key);
        if (cell != null) {
            cell.admittedNanos = System.nanoTime();
        }
    }

    void finished(Object key) {
        running.remove(key);
    }

    private void tick() {
        long now = System.nanoTime();
        running.values().stream()
                .filter(cell -> now - cell.queuedNanos >= EVERY.toNanos())
                .sorted((a, b) -> Long.compare(a.queuedNanos, b.queuedNanos))
                .forEach(cell -> progress.accept(line(cell, now)));
    }

    private static String line(Running cell, long now) {
        long admitted = cell.admittedNanos;
        if (admitted == 0) {
            // Storm and fleet cells run alone, and every cell waits while another starts its processes.
            return String.format("      %-48s waiting %5.0f s for its turn", cell.name, (now - cell.queuedNanos) / 1e9);
        }
        return String.format("      %-48s running %5.0f s, expected up to %.0f s + start-up", cell.name,
                (now - admitted) / 1e9, cell.expected.toMillis() / 1000.0);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
