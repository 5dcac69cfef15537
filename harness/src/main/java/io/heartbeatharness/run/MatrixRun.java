package io.heartbeatharness.run;

import io.heartbeatharness.scenario.ScenarioSelection;
import io.heartbeatharness.cell.FaultPhase;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.verdict.HarnessException;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.process.JavaLauncher;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.RunResult;
import io.heartbeatharness.backend.FaultBackend;
import io.heartbeatharness.time.HarnessPauses;
import io.heartbeatharness.time.TimeScale;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Runs scenarios × targets (the cells that apply) and collects a {@link RunResult}; shared by CLI and JUnit. */
public final class MatrixRun {
    private final TimeScale scale;
    private final Tolerance tolerance;
    private final FaultBackend backend;
    private final FaultPhase phase;
    private CellJournals journals = CellJournals.NONE;

    public MatrixRun(TimeScale scale, Tolerance tolerance) {
        this(scale, tolerance, Backends.embedded());
    }

    public MatrixRun(TimeScale scale, Tolerance tolerance, FaultBackend backend) {
        this(scale, tolerance, backend, FaultPhase.WORST);
    }

    public MatrixRun(TimeScale scale, Tolerance tolerance, FaultBackend backend, FaultPhase phase) {
        this.scale = scale;
        this.tolerance = tolerance;
        this.backend = backend;
        this.phase = phase;
    }

    /** The same run with faults started at {@code value} relative to the target's heartbeat exchange. */
    public MatrixRun withPhase(FaultPhase value) {
        MatrixRun run = new MatrixRun(scale, tolerance, backend, value);
        run.journals = journals;
        return run;
    }

    /** The same run with every cell's timeline streamed to a journal file in {@code dir} as it is recorded. */
    public MatrixRun withJournals(java.nio.file.Path dir) {
        MatrixRun run = new MatrixRun(scale, tolerance, backend, phase);
        run.journals = CellJournals.in(dir);
        return run;
    }

    /** A planned cell. */
    public record Planned(Scenario scenario, Target target) {
        public String displayName() {
            return scenario.id() + " [" + target.name() + "]";
        }
    }

    /**
     * The order cells start in: the ones that need the machine alone first (one after the other, before the rest
     * fill the slots), then the longest first, so that no long cell is left running alone at the end.
     */
    public static java.util.Comparator<Planned> startOrder(TimeScale scale, Tolerance tolerance) {
        return java.util.Comparator.comparing((Planned cell) -> !cell.scenario().exclusive())
                .thenComparing(java.util.Comparator.comparing((Planned cell) -> cell.scenario().expectedDuration(
                        cell.target().params().scaled(scale), scale, tolerance)).reversed());
    }

    /** The cells of {@code scenarios} × {@code targets} that apply, each target narrowed to its own {@link Target#scenarios}. */
    public static List<Planned> plan(List<Scenario> scenarios, List<Target> targets) {
        List<Planned> cells = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (Target target : targets) {
                if (scenario.appliesTo(target) && ScenarioSelection.selects(target.scenarios(), scenario)) {
                    cells.add(new Planned(scenario, target));
                }
            }
        }
        return cells;
    }

    /**
     * Runs every planned cell {@code repeat} times, {@code jobs} cells at a time (cells are independent: each has
     * its own processes, ports and proxy), reporting progress as cells start and finish. Results keep plan order.
     */
    public RunResult run(List<Planned> cells, int repeat, int jobs, Consumer<String> progress) {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat: must be at least 1, got " + repeat);
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs: must be at least 1, got " + jobs);
        }
        // Before anything is timed: the first run on a class path makes the peers' class-data archive, a few seconds.
        JavaLauncher.prepare();
        HarnessPauses.settle();
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        CellRunner runner = new CellRunner(scale, tolerance, backend, phase, journals);
        List<Planned> all = new ArrayList<>();
        List<Integer> repetitions = new ArrayList<>();
        for (Planned planned : cells) {
            for (int i = 1; i <= repeat; i++) {
                all.add(planned);
                repetitions.add(i);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread thread = new Thread(r, "cell");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger done = new AtomicInteger();
        CellProgress longCells = new CellProgress(progress);
        try {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                order.add(i);
            }
            java.util.Comparator<Planned> startOrder = startOrder(scale, tolerance);
            order.sort((a, b) -> startOrder.compare(all.get(a), all.get(b)));
            List<Future<CellResult>> futures = new ArrayList<>(java.util.Collections.nCopies(all.size(), null));
            // Every exclusive cell is over before an ordinary one starts. Without this, an ordinary cell whose
            // thread asked the admission gate first got in ahead of a queued exclusive cell, and a 133 s cell
            // then held that one back, and everything queued behind it, for its whole length.
            CountDownLatch exclusiveOver = new CountDownLatch((int) all.stream().filter(c -> c.scenario().exclusive()).count());
            for (int i : order) {
                Planned planned = all.get(i);
                int repetition = repetitions.get(i);
                futures.set(i, pool.submit(() -> {
                    if (!planned.scenario().exclusive()) {
                        exclusiveOver.await();
                    }
                    Object key = longCells.queued(planned.displayName(), expected(planned));
                    CellResult result;
                    try {
                        result = runner.run(planned.scenario(), planned.target(), () -> longCells.admitted(key))
                                .withRepetition(repetition);
                    } finally {
                        longCells.finished(key);
                        if (planned.scenario().exclusive()) {
                            exclusiveOver.countDown();
                        }
                    }
                    progress.accept(String.format("[%d/%d] %-48s %-11s %5.1f s  (run %.0f s)  %s", done.incrementAndGet(),
                            all.size(), planned.displayName(), result.verdict(), result.elapsedMs() / 1000.0,
                            (System.nanoTime() - startNanos) / 1e9, result.message()));
                    return result;
                }));
            }
            List<CellResult> results = new ArrayList<>();
            for (Future<CellResult> future : futures) {
                results.add(future.get());
            }
            return new RunResult(started, RunDefaults.harnessVersion(), System.getProperty("java.version"),
                    scale.factor(), tolerance.millis(), results);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted");
        } catch (ExecutionException e) {
            throw new HarnessException("a cell crashed the runner: " + e.getCause());
        } finally {
            pool.shutdownNow();
            longCells.close();
        }
    }

    private java.time.Duration expected(Planned planned) {
        return planned.scenario().expectedDuration(planned.target().params().scaled(scale), scale, tolerance);
    }

    public RunResult run(List<Planned> cells, Consumer<String> progress) {
        return run(cells, 1, 1, progress);
    }
}
