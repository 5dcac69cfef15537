package io.heartbeatharness.judge;

import io.heartbeatharness.timeline.TimelineEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A timeline written by hand for judges' tests: events at whole milliseconds, no processes, no sockets. */
public final class HandTimeline {
    private static final long MS = 1_000_000L;
    private final List<TimelineEvent> events = new ArrayList<>();

    /** Adds an event at {@code ms} milliseconds; {@code kv} alternate names and values. */
    public void at(long ms, String source, String type, Object... kv) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            data.put(kv[i].toString(), kv[i + 1]);
        }
        events.add(new TimelineEvent(ms * MS, ms, source, type, data));
    }

    /** The events in time order, as a real timeline hands them out; events at one instant keep their order. */
    public List<TimelineEvent> events() {
        return events.stream().sorted(Comparator.comparingLong(TimelineEvent::monoNanos)).toList();
    }
}
