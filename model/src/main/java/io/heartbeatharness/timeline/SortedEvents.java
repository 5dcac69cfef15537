package io.heartbeatharness.timeline;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.RandomAccess;

/**
 * A timeline's events in monotonic order as an unmodifiable list over its {@link EventStore}: an event the store
 * holds encoded is decoded when it is read and is garbage once looked at, so the list itself costs four bytes an event.
 */
final class SortedEvents extends AbstractList<TimelineEvent> implements RandomAccess {
    private final EventStore.Snapshot store;
    /** Indices into the store, sorted by instant; ties keep their order of arrival. */
    private final int[] order;

    private SortedEvents(EventStore.Snapshot store, int[] order) {
        this.store = store;
        this.order = order;
    }

    static SortedEvents empty(EventStore.Snapshot store) {
        return new SortedEvents(store, new int[0]);
    }

    int covered() {
        return order.length;
    }

    /** This list with every event appended since, merged in: events from other processes may arrive late. */
    SortedEvents extendedTo(EventStore.Snapshot now) {
        int from = order.length;
        Integer[] fresh = new Integer[now.size() - from];
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = from + i;
        }
        // Stable: equal instants stay in their order of arrival, as a sort of the whole list would leave them.
        Arrays.sort(fresh, (a, b) -> Long.compare(now.mono(a), now.mono(b)));
        int[] merged = new int[now.size()];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < order.length && j < fresh.length) {
            merged[k++] = now.mono(fresh[j]) < now.mono(order[i]) ? fresh[j++] : order[i++];
        }
        while (i < order.length) {
            merged[k++] = order[i++];
        }
        while (j < fresh.length) {
            merged[k++] = fresh[j++];
        }
        return new SortedEvents(now, merged);
    }

    /** The events of {@code types}, in order, decoding no other: a fleet's waits look for a few kinds among many. */
    List<TimelineEvent> ofTypes(Set<String> types) {
        List<TimelineEvent> found = new ArrayList<>();
        for (int index : order) {
            if (types.contains(store.type(index))) {
                found.add(store.event(index));
            }
        }
        return Collections.unmodifiableList(found);
    }

    @Override
    public TimelineEvent get(int index) {
        return store.event(order[index]);
    }

    @Override
    public int size() {
        return order.length;
    }
}
