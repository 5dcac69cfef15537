package io.heartbeatharness.backend;

import io.heartbeatharness.proxy.EmbeddedProxy;
import io.heartbeatharness.timeline.TimelineEvent;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a backend may ask of the cell it serves: the cell's own proxy, a mark on its timeline, and a wait on that
 * timeline. The cell implements it, so backends never see the cell runtime.
 */
public interface BackendCell {

    /** A proxy owned by the cell, in front of {@code upstreamPort}. */
    EmbeddedProxy proxy(int upstreamPort);

    /** Records a harness event on the cell's timeline and returns its monotonic time. */
    long mark(String type, Object... keyValues);

    /** How long any start-up step of the cell may take. */
    Duration startupTimeout();

    /** Waits up to {@code max} for {@code condition} on the timeline; the cell is an ERROR naming {@code what} if not. */
    void require(String what, Duration max, Predicate<List<TimelineEvent>> condition);
}
