package io.heartbeatharness.timeline;

import io.heartbeatharness.time.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The evidence of one cell: an append-only, thread-safe list of events from the proxy tap, process control and the
 * processes themselves, read back in monotonic order. Beyond the first few thousand, events are held encoded and off the
 * heap ({@link EventStore}).
 */
public final class Timeline {
    // Appends take only the store's short lock: the proxy's event loop never waits for a reader.
    private final EventStore store = new EventStore();
    /**
     * The last sorted list, handed out again while nothing was appended and extended by what was: cells poll their
     * timeline every 20 ms, and sorting all of it each time made most of what the harness JVM allocated.
     */
    private volatile SortedEvents sorted = SortedEvents.empty(store.snapshot());

    public TimelineEvent record(String source, String type, Object... keyValues) {
        return add(new TimelineEvent(Mono.now(), System.currentTimeMillis(), source, type, map(keyValues)));
    }

    public TimelineEvent add(TimelineEvent event) {
        store.append(event);
        return event;
    }

    /**
     * All events so far, sorted by monotonic time (events from other processes may arrive late); unmodifiable.
     * Each event is decoded as it is read: a judge that walks the list many times copies it first.
     */
    public List<TimelineEvent> events() {
        SortedEvents last = sorted;
        EventStore.Snapshot now = store.snapshot();
        if (last.covered() == now.size()) {
            return last;
        }
        synchronized (this) {
            last = sorted;
            now = store.snapshot();
            if (last.covered() < now.size()) {
                last = last.extendedTo(now);
                sorted = last;
            }
            return last;
        }
    }

    /**
     * {@code events} as a finished cell keeps them until the report is written: off the heap, read back one at a time
     * ({@link FinishedEvents}). The order is kept; either way, unmodifiable.
     */
    public static List<TimelineEvent> compact(List<TimelineEvent> events) {
        if (events instanceof FinishedEvents) {
            return events;
        }
        return FinishedEvents.of(events).<List<TimelineEvent>>map(kept -> kept).orElseGet(() -> List.copyOf(events));
    }

    /** Every event so far in the order it arrived, for the journal. */
    EventStore.Snapshot arrived() {
        return store.snapshot();
    }

    /**
     * The first event from {@code source} at or after {@code since} that {@code match}es (the earliest, and of those
     * at the same instant the first to arrive): what a wait for one process polls every few milliseconds. It reads
     * the events as they arrived, so a poll neither sorts the timeline nor decodes another source's events.
     */
    public Optional<TimelineEvent> first(String source, long since, Predicate<TimelineEvent> match) {
        EventStore.Snapshot now = store.snapshot();
        TimelineEvent found = null;
        for (int i = 0; i < now.size(); i++) {
            long mono = now.mono(i);
            if (mono >= since && (found == null || mono < found.monoNanos()) && source.equals(now.source(i))) {
                TimelineEvent event = now.event(i);
                if (match.test(event)) {
                    found = event;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The events of {@code types} so far, in monotonic order; unmodifiable. Only those are decoded: what a wait
     * polls when it looks for a few kinds of event in a large timeline.
     */
    public List<TimelineEvent> eventsOfType(Set<String> types) {
        return ((SortedEvents) events()).ofTypes(types);
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
