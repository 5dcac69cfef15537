package io.heartbeatharness.cell;

import io.heartbeatharness.verdict.HarnessException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Everything a cell started — processes, proxies, its network — closed last first when the cell ends. */
final class CellResources {
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();

    <T extends AutoCloseable> T own(T resource) {
        synchronized (owned) {
            owned.push(resource);
        }
        return resource;
    }

    /**
     * Closes every resource, the latest first, even when some fail: one failure must not leave the rest of the
     * cell running.
     */
    void closeAll() {
        List<Throwable> problems = new ArrayList<>();
        while (true) {
            AutoCloseable next;
            synchronized (owned) {
                next = owned.poll();
            }
            if (next == null) {
                break;
            }
            try {
                next.close();
            } catch (Exception e) {
                problems.add(e);
            }
        }
        if (!problems.isEmpty()) {
            HarnessException failure = new HarnessException("clean-up failed: " + problems.get(0));
            problems.forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
