package io.heartbeatharness.timeline;

import io.heartbeatharness.time.Mono;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The evidence of one cell: an append-only, thread-safe list of events from the proxy tap, process
 * control and the processes themselves, read back in monotonic order.
 */
public final class Timeline {
    // Lock-free appends: the proxy's event loop records here and must never wait for a reader copying the list.
    private final ConcurrentLinkedQueue<TimelineEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicLong appended = new AtomicLong();
    /**
     * The last sorted copy, handed out again while nothing was appended. Cells poll their timeline every 20 ms;
     * a fresh copy each time made most of what the harness JVM allocated, and so most of its collections, each of
     * them a pause of the proxy that stamps the events.
     */
    private volatile Snapshot snapshot = new Snapshot(0, List.of());

    private record Snapshot(long size, List<TimelineEvent> events) {
    }

    public TimelineEvent record(String source, String type, Object... keyValues) {
        return add(new TimelineEvent(Mono.now(), System.currentTimeMillis(), source, type, map(keyValues)));
    }

    public TimelineEvent add(TimelineEvent event) {
        events.add(event);
        appended.incrementAndGet();
        return event;
    }

    /**
     * All events so far, sorted by monotonic time (events from other processes may arrive late); unmodifiable.
     * Events are only ever appended, so a copy holding as many events as were appended is still complete.
     */
    public List<TimelineEvent> events() {
        Snapshot last = snapshot;
        if (last.size() == appended.get()) {
            return last.events();
        }
        List<TimelineEvent> copy = new ArrayList<>(events);
        copy.sort(Comparator.comparingLong(TimelineEvent::monoNanos));
        List<TimelineEvent> sorted = Collections.unmodifiableList(copy);
        snapshot = new Snapshot(copy.size(), sorted);
        return sorted;
    }

    public List<TimelineEvent> events(Predicate<TimelineEvent> filter) {
        return events().stream().filter(filter).toList();
    }

    public boolean any(Predicate<TimelineEvent> filter) {
        return !events(filter).isEmpty();
    }

    private static Map<String, Object> map(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key/value pairs expected, got " + keyValues.length + " values");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                data.put(keyValues[i].toString(), keyValues[i + 1]);
            }
        }
        return data;
    }
}
