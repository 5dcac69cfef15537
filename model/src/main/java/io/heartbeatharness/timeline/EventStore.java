package io.heartbeatharness.timeline;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The events of one timeline in append order, encoded ({@link EventCodec}) into large byte chunks with an index of
 * instants and offsets: a few big arrays instead of hundreds of thousands of small objects, so the heap holds a
 * fleet's timeline in a fifth of the space and the young collections that pause the proxy copy little of it.
 * Appends take a short lock; reads take a {@link Snapshot} and never wait.
 */
final class EventStore {
    private static final int CHUNK_BYTES = 64 * 1024;
    /**
     * The first events are also kept as objects: a cell's waits read its whole timeline every few milliseconds, and
     * decoding a small timeline each time would make more garbage, and so more pauses, than holding it. A fleet's
     * events beyond these are held encoded only.
     */
    static final int KEPT_AS_OBJECTS = 8_192;

    private final EventCodec codec = new EventCodec();
    private final Scratch scratch = new Scratch();
    private long[] monos = new long[256];
    /** Chunk index in the high half, offset in the low half. */
    private long[] addresses = new long[256];
    /** The first chunk is small, and each next one twice the last up to 64 KB: most cells record a few hundred events. */
    private byte[][] chunks = {new byte[4 * 1024]};
    private int chunk;
    private int used;
    private int size;
    private TimelineEvent[] objects = new TimelineEvent[64];
    private volatile Snapshot published = new Snapshot(monos, addresses, chunks, codec.dictionary(), objects, 0);

    /** Everything appended up to {@code size}; the arrays below {@code size} never change. */
    record Snapshot(long[] monos, long[] addresses, byte[][] chunks, Object[] dictionary, TimelineEvent[] objects,
                    int size) {
        long mono(int index) {
            return monos[index];
        }

        /** The same events without the objects: what a finished cell keeps until the report is written. */
        Snapshot encodedOnly() {
            return new Snapshot(monos, addresses, chunks, dictionary, new TimelineEvent[0], size);
        }

        String source(int index) {
            if (index < objects.length && objects[index] != null) {
                return objects[index].source();
            }
            long address = addresses[index];
            return EventCodec.source(chunks[(int) (address >>> 32)], (int) address, dictionary);
        }

        TimelineEvent event(int index) {
            if (index < objects.length && objects[index] != null) {
                return objects[index];
            }
            long address = addresses[index];
            return EventCodec.decode(monos[index], chunks[(int) (address >>> 32)], (int) address, dictionary);
        }
    }

    synchronized void append(TimelineEvent event) {
        scratch.reset();
        codec.encode(event, scratch);
        int length = scratch.size();
        if (used + length > chunks[chunk].length) {
            nextChunk(length);
        }
        System.arraycopy(scratch.bytes(), 0, chunks[chunk], used, length);
        if (size == monos.length) {
            monos = Arrays.copyOf(monos, size * 2);
            addresses = Arrays.copyOf(addresses, size * 2);
        }
        if (size < KEPT_AS_OBJECTS) {
            if (size == objects.length) {
                objects = Arrays.copyOf(objects, size * 2);
            }
            objects[size] = event;
        }
        monos[size] = event.monoNanos();
        addresses[size] = ((long) chunk << 32) | used;
        used += length;
        size++;
        published = new Snapshot(monos, addresses, chunks, codec.dictionary(), objects, size);
    }

    Snapshot snapshot() {
        return published;
    }

    private void nextChunk(int length) {
        if (chunk + 1 == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunks.length * 2);
        }
        chunk++;
        chunks[chunk] = new byte[Math.max(Math.min(CHUNK_BYTES, chunks[chunk - 1].length * 2), length)];
        used = 0;
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
