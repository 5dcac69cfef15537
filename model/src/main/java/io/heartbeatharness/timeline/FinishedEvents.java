package io.heartbeatharness.timeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The events of a finished cell, in their order, kept off the heap until the report reads them: each is written out
 * whole ({@link EventCodec#encodeFlat}, a length before it) into a {@link SpillFile} of its own, so a run's heap does
 * not grow with the cells it has finished. Read in order, nothing is held but the event at hand; read by position, an
 * index of where each event begins is built once and held softly. Unmodifiable.
 */
final class FinishedEvents extends AbstractList<TimelineEvent> {
    /** Smaller lists stay in a heap buffer: a file for each would cost more than their bytes. */
    private static final int ON_HEAP_BYTES = 4 * 1024;

    private final ByteBuffer bytes;
    private final int size;
    private SoftReference<int[]> starts = new SoftReference<>(null);

    private FinishedEvents(ByteBuffer bytes, int size) {
        this.bytes = bytes;
        this.size = size;
    }

    /**
     * {@code events} kept this way, or empty when one of them holds a value only the live store can, or when no file
     * takes them: the caller then keeps them as they are.
     */
    static Optional<FinishedEvents> of(List<TimelineEvent> events) {
        SpillFile.Writer out = new SpillFile.Writer(ON_HEAP_BYTES);
        Buffer one = new Buffer();
        byte[] length = new byte[4];
        try {
            for (TimelineEvent event : events) {
                one.reset();
                if (!EventCodec.encodeFlat(event, one)) {
                    out.abandon();
                    return Optional.empty();
                }
                ByteBuffer.wrap(length).putInt(one.size());
                out.write(length, 0, 4);
                out.write(one.bytes(), 0, one.size());
            }
            return Optional.of(new FinishedEvents(out.finish(), events.size()));
        } catch (IOException e) {
            out.abandon();
            SpillFile.warn(e);
            return Optional.empty();
        }
    }

    @Override
    public TimelineEvent get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size + " events");
        }
        return EventCodec.decodeFlat(bytes, starts()[index] + 4);
    }

    @Override
    public Iterator<TimelineEvent> iterator() {
        return new Iterator<>() {
            private int next;
            private int at;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public TimelineEvent next() {
                if (next == size) {
                    throw new NoSuchElementException();
                }
                TimelineEvent event = EventCodec.decodeFlat(bytes, at + 4);
                at += 4 + bytes.getInt(at);
                next++;
                return event;
            }
        };
    }

    @Override
    public int size() {
        return size;
    }

    private int[] starts() {
        int[] known = starts.get();
        if (known == null) {
            known = new int[size];
            int at = 0;
            for (int i = 0; i < size; i++) {
                known[i] = at;
                at += 4 + bytes.getInt(at);
            }
            starts = new SoftReference<>(known);
        }
        return known;
    }

    /** A byte buffer whose array is read without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(256);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
