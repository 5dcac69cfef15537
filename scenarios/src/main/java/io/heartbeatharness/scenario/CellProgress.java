package io.heartbeatharness.scenario;

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

    private record Running(String name, long startedNanos, Duration expected) {
    }

    CellProgress(Consumer<String> progress) {
        this.progress = progress;
        ticker.scheduleAtFixedRate(this::tick, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Marks a cell as running; returns the key that {@link #finished} takes. */
    Object started(String name, Duration expected) {
        Object key = new Object();
        running.put(key, new Running(name, System.nanoTime(), expected));
        return key;
    }

    void finished(Object key) {
        running.remove(key);
    }

    private void tick() {
        long now = System.nanoTime();
        running.values().stream()
                .filter(cell -> now - cell.startedNanos() >= EVERY.toNanos())
                .sorted((a, b) -> Long.compare(a.startedNanos(), b.startedNanos()))
                .forEach(cell -> progress.accept(String.format("      %-48s running %5.0f s, expected up to %.0f s + start-up",
                        cell.name(), (now - cell.startedNanos()) / 1e9, cell.expected().toMillis() / 1000.0)));
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
