package io.heartbeatharness.report.internal;

import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TimelineEvent;

import java.util.List;

import static io.heartbeatharness.report.internal.TimelineChart.PLOT_LEFT;
import static io.heartbeatharness.report.internal.TimelineChart.PLOT_RIGHT;

/**
 * A cell's key moments on the monotonic clock (fault start and end, detection, reconnect, end of the budget), the
 * span {@code t0} to {@code t1} a chart shows, and where an instant falls across the plot. A moment the cell does not
 * have is {@code null}.
 */
final class TimelineScale {
    final Long faultStart;
    final Long faultEnd;
    final Long detection;
    final Long reconnect;
    final Long budgetEnd;
    /** What offsets count from: the fault's start, or the first event when there was no fault. */
    final long origin;
    final double t0;
    final double t1;

    /**
     * The scale of {@code events} (sorted, at least one): from {@code from} to {@code to} when they are given, else
     * every event and key moment with a margin either side.
     */
    TimelineScale(CellResult cell, List<TimelineEvent> events, Long from, Long to) {
        this.faultStart = cell.faultStartNs();
        this.faultEnd = faultStart == null ? null : events.stream()
                .filter(e -> e.source().equals(Sources.HARNESS) && e.is(HarnessEvents.FAULT_END) && e.monoNanos() >= faultStart)
                .map(TimelineEvent::monoNanos).findFirst().orElse(null);
        this.detection = faultStart == null || cell.detectionMs() == null ? null
                : faultStart + cell.detectionMs() * 1_000_000;
        // The reconnect is measured from the fault's end, or from the detection when the fault never ended.
        Long healAnchor = faultEnd != null ? faultEnd : detection;
        this.reconnect = healAnchor == null || cell.reconnectMs() == null ? null
                : healAnchor + cell.reconnectMs() * 1_000_000;
        this.budgetEnd = faultStart == null || cell.budgetMs() == null ? null
                : faultStart + cell.budgetMs() * 1_000_000;
        long first = events.get(0).monoNanos();
        long last = events.get(events.size() - 1).monoNanos();
        for (Long instant : new Long[]{faultStart, detection, reconnect, budgetEnd}) {
            if (instant != null) {
                first = Math.min(first, instant);
                last = Math.max(last, instant);
            }
        }
        this.origin = faultStart != null ? faultStart : events.get(0).monoNanos();
        if (from != null) {
            this.t0 = from;
            this.t1 = to;
        } else {
            double span = Math.max(last - first, 1_000_000);
            this.t0 = first - span * 0.02;
            this.t1 = last + span * 0.02;
        }
    }

    boolean inRange(Long instant) {
        return instant != null && instant >= t0 && instant <= t1;
    }

    /** The plot's x coordinate of {@code nanos}. */
    double x(long nanos) {
        return PLOT_LEFT + (nanos - t0) / (t1 - t0) * (PLOT_RIGHT - PLOT_LEFT);
    }

    /** The span shown, as offsets from the origin: {@code −12.0 ms to +3506.2 ms}. */
    String range() {
        return Format.offset((long) t0 - origin) + " to " + Format.offset((long) t1 - origin);
    }
}
