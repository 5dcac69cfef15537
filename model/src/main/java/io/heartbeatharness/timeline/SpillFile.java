package io.heartbeatharness.timeline;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bytes held outside the heap: a temporary file, deleted as soon as it is open (so nothing is left behind, however
 * the JVM ends), mapped into memory a segment at a time. The garbage collector neither scans nor copies them, and the
 * operating system may page them out; the space is given back when the last mapping is collected. Where no file can
 * be made or mapped, segments are heap buffers: the same bytes, only dearer to collect.
 */
final class SpillFile {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    /** Null when the bytes stay on the heap. */
    private final FileChannel channel;
    private long mapped;

    private SpillFile(FileChannel channel) {
        this.channel = channel;
    }

    /** A new spill file, or heap buffers when the temporary directory refuses one. */
    static SpillFile open() {
        try {
            Path file = Files.createTempFile("heartbeat-timeline-", ".spill");
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            Files.delete(file);
            SpillFile spill = new SpillFile(channel);
            CLEANER.register(spill, () -> closeQuietly(channel));
            return spill;
        } catch (IOException | UnsupportedOperationException e) {
            warn(e);
            return new SpillFile(null);
        }
    }

    /**
     * The next {@code bytes} of the file, zeroed and writable; a heap buffer if the disk refuses them. The zeros are
     * written before the mapping, so that a full disk fails here and not later, in a write to the mapped memory.
     */
    synchronized ByteBuffer segment(int bytes) {
        if (channel != null) {
            try {
                ByteBuffer zeros = ByteBuffer.allocate(bytes);
                while (zeros.hasRemaining()) {
                    channel.write(zeros, mapped + zeros.position());
                }
                ByteBuffer segment = channel.map(FileChannel.MapMode.READ_WRITE, mapped, bytes);
                mapped += bytes;
                return segment;
            } catch (IOException e) {
                warn(e);
            }
        }
        return ByteBuffer.allocate(bytes);
    }

    /**
     * Bytes written once, then read: held in a heap array while they are few, then streamed into a file of their own
     * and mapped back read-only by {@link #finish}. A failure to write is thrown, and the caller keeps what it has.
     */
    static final class Writer {
        private final int onHeapBytes;
        private final ByteArrayOutputStream heap = new ByteArrayOutputStream();
        private FileChannel channel;
        private OutputStream file;
        private long written;

        Writer(int onHeapBytes) {
            this.onHeapBytes = onHeapBytes;
        }

        void write(byte[] bytes, int from, int length) throws IOException {
            if (file == null && heap.size() + length > onHeapBytes) {
                Path path = Files.createTempFile("heartbeat-timeline-", ".spill");
                channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
                Files.delete(path);
                file = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
                heap.writeTo(file);
                heap.reset();
            }
            if (file != null) {
                file.write(bytes, from, length);
            } else {
                heap.write(bytes, from, length);
            }
            written += length;
        }

        /** Everything written, read-only: a mapping of the file, or the heap array's copy. */
        ByteBuffer finish() throws IOException {
            if (file == null) {
                return ByteBuffer.wrap(heap.toByteArray()).asReadOnlyBuffer();
            }
            try {
                file.flush();
                return channel.map(FileChannel.MapMode.READ_ONLY, 0, written);
            } finally {
                channel.close();
            }
        }

        /** Gives the file back when the bytes are not wanted after all. */
        void abandon() {
            if (channel != null) {
                closeQuietly(channel);
            }
        }
    }

    static void warn(Exception e) {
        if (WARNED.compareAndSet(false, true)) {
            System.err.println("warning: timelines are held on the heap, as the temporary directory "
                    + System.getProperty("java.io.tmpdir") + " takes no spill file: " + e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Only the descriptor of a deleted file: nothing to lose.
        }
    }
}
