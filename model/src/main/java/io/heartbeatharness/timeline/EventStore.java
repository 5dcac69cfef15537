package io.heartbeatharness.timeline;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The events of one timeline in append order. The first {@value #ON_HEAP} are held as objects; the rest are encoded
 * ({@link EventCodec}) into a {@link SpillFile}, with an index of instants and places beside them there: however many
 * events a fleet records, the heap holds a bounded part of them, and the young collections that pause the proxy copy
 * none of the rest. Appends take a short lock; reads take a {@link Snapshot} and never wait.
 */
final class EventStore {
    /**
     * A cell's waits read its whole timeline every few milliseconds, and decoding a small timeline each time would make
     * more garbage, and so more pauses, than holding it: most cells record a few hundred events, all held as objects.
     */
    static final int ON_HEAP = 8_192;
    private static final int SEGMENT_BYTES = 1 << 20;
    /** An index entry: the event's instant, then its segment (high half) and offset (low half). */
    private static final int ENTRY_BYTES = 16;
    private static final int ENTRIES_PER_SEGMENT = SEGMENT_BYTES / ENTRY_BYTES;

    private final int onHeap;
    private final EventCodec codec = new EventCodec();
    private final Scratch scratch = new Scratch();
    private TimelineEvent[] objects = new TimelineEvent[64];
    private long[] monos = new long[64];
    private SpillFile spill;
    private ByteBuffer[] data = new ByteBuffer[0];
    private int dataUsed;
    private ByteBuffer[] index = new ByteBuffer[0];
    private int size;
    private volatile Snapshot published;

    EventStore() {
        this(ON_HEAP);
    }

    /** A store that holds only its first {@code onHeap} events as objects. */
    EventStore(int onHeap) {
        this.onHeap = onHeap;
        this.published = new Snapshot(onHeap, objects, monos, data, index, codec.dictionary(), 0);
    }

    /** Everything appended up to {@code size}; what is below {@code size} never changes. */
    record Snapshot(int onHeap, TimelineEvent[] objects, long[] monos, ByteBuffer[] data, ByteBuffer[] index,
                    Object[] dictionary, int size) {
        long mono(int i) {
            if (i < onHeap) {
                return monos[i];
            }
            int entry = i - onHeap;
            return index[entry / ENTRIES_PER_SEGMENT].getLong(entry % ENTRIES_PER_SEGMENT * ENTRY_BYTES);
        }

        String source(int i) {
            if (i < onHeap) {
                return objects[i].source();
            }
            long address = address(i);
            return EventCodec.source(data[(int) (address >>> 32)], (int) address, dictionary);
        }

        String type(int i) {
            if (i < onHeap) {
                return objects[i].type();
            }
            long address = address(i);
            return EventCodec.type(data[(int) (address >>> 32)], (int) address, dictionary);
        }

        TimelineEvent event(int i) {
            if (i < onHeap) {
                return objects[i];
            }
            long address = address(i);
            return EventCodec.decode(mono(i), data[(int) (address >>> 32)], (int) address, dictionary);
        }

        private long address(int i) {
            int entry = i - onHeap;
            return index[entry / ENTRIES_PER_SEGMENT].getLong(entry % ENTRIES_PER_SEGMENT * ENTRY_BYTES + 8);
        }
    }

    synchronized void append(TimelineEvent event) {
        if (size < onHeap) {
            if (size == objects.length) {
                objects = Arrays.copyOf(objects, Math.min(size * 2, onHeap));
                monos = Arrays.copyOf(monos, objects.length);
            }
            objects[size] = event;
            monos[size] = event.monoNanos();
        } else {
            spill(event);
        }
        size++;
        published = new Snapshot(onHeap, objects, monos, data, index, codec.dictionary(), size);
    }

    Snapshot snapshot() {
        return published;
    }

    private void spill(TimelineEvent event) {
        if (spill == null) {
            spill = SpillFile.open();
        }
        scratch.reset();
        codec.encode(event, scratch);
        int length = scratch.size();
        if (data.length == 0 || dataUsed + length > data[data.length - 1].capacity()) {
            data = Arrays.copyOf(data, data.length + 1);
            data[data.length - 1] = spill.segment(Math.max(SEGMENT_BYTES, length));
            dataUsed = 0;
        }
        ByteBuffer segment = data[data.length - 1];
        segment.put(dataUsed, scratch.bytes(), 0, length);
        int entry = size - onHeap;
        if (entry / ENTRIES_PER_SEGMENT == index.length) {
            index = Arrays.copyOf(index, index.length + 1);
            index[index.length - 1] = spill.segment(SEGMENT_BYTES);
        }
        ByteBuffer entries = index[entry / ENTRIES_PER_SEGMENT];
        int at = entry % ENTRIES_PER_SEGMENT * ENTRY_BYTES;
        entries.putLong(at, event.monoNanos());
        entries.putLong(at + 8, ((long) (data.length - 1) << 32) | dataUsed);
        dataUsed += length;
    }

    /** One event's bytes, encoded without a copy. */
    private static final class Scratch extends ByteArrayOutputStream {
        Scratch() {
            super(256);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
