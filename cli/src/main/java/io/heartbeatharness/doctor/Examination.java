package io.heartbeatharness.doctor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs every prerequisite's check at once and waits at most {@code deadline} for all of them: a check that has not
 * answered by then (a Docker engine that hangs, say) is reported missing, and its thread is left to finish alone.
 */
public final class Examination {
    private Examination() {
    }

    /** One finding per prerequisite, in the same order. */
    public static List<Finding> run(List<Prerequisite> prerequisites, Duration deadline) {
        ExecutorService pool = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "doctor-check");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<Finding>> checks = prerequisites.stream()
                    .map(p -> CompletableFuture.supplyAsync(p.check(), pool)).toList();
            long end = System.nanoTime() + deadline.toNanos();
            List<Finding> findings = new ArrayList<>();
            for (int i = 0; i < checks.size(); i++) {
                findings.add(await(prerequisites.get(i), checks.get(i), end, deadline));
            }
            return findings;
        } finally {
            pool.shutdown();
        }
    }

    private static Finding await(Prerequisite prerequisite, CompletableFuture<Finding> check, long end, Duration deadline) {
        try {
            return check.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return Finding.missing(prerequisite.name() + ": its check did not finish within " + deadline.toMillis()
                    + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Finding.missing(prerequisite.name() + ": check interrupted");
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return Finding.missing(prerequisite.name() + ": its check failed: " + cause);
        }
    }
}
