package io.heartbeatharness.timeline;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * A timeline streamed to disk as it is recorded: gzipped JSON lines, one event a line in the order events arrived,
 * appended every {@value #FLUSH_MILLIS} ms by one shared writer thread, never by the proxy's event loop.
 * Each line: {@code {"mono_ns":…,"wall_ms":…,"source":…,"type":…,"data":{…}}}, keys of data sorted.
 */
public final class TimelineJournal implements AutoCloseable {
    static final long FLUSH_MILLIS = 500;
    private static final ScheduledExecutorService WRITER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "timeline-journal");
        thread.setDaemon(true);
        return thread;
    });

    private final Timeline timeline;
    private final Path file;
    private final Writer out;
    private final ScheduledFuture<?> flushing;
    private int written;
    private IOException failure;

    private TimelineJournal(Timeline timeline, Path file) throws IOException {
        this.timeline = timeline;
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file), 64 * 1024),
                StandardCharsets.UTF_8), 64 * 1024);
        this.flushing = WRITER.scheduleWithFixedDelay(this::append, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts journaling {@code timeline} into {@code file} (its directory is created). */
    public static TimelineJournal start(Timeline timeline, Path file) {
        try {
            return new TimelineJournal(timeline, file);
        } catch (IOException e) {
            throw new UncheckedIOException("timeline journal " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Writes what is left and closes the file; a write that failed on the way is thrown now. */
    @Override
    public void close() {
        flushing.cancel(false);
        try {
            WRITER.submit(this::append).get();
            synchronized (this) {
                out.close();
                if (failure != null) {
                    throw failure;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("timeline journal " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("timeline journal " + file + ": " + e.getCause(), e.getCause());
        }
    }

    private synchronized void append() {
        if (failure != null) {
            return;
        }
        EventStore.Snapshot now = timeline.arrived();
        try {
            for (; written < now.size(); written++) {
                line(now.event(written), out);
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Writes {@code event} as one line of JSON, straight into {@code json}: the journal makes little garbage. */
    static void line(TimelineEvent event, Writer json) throws IOException {
        json.write("{\"mono_ns\":");
        json.write(Long.toString(event.monoNanos()));
        json.write(",\"wall_ms\":");
        json.write(Long.toString(event.wallMillis()));
        json.write(",\"source\":");
        string(json, event.source());
        json.write(",\"type\":");
        string(json, event.type());
        json.write(",\"data\":{");
        String[] keys = event.data().keySet().toArray(new String[0]);
        Arrays.sort(keys);
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                json.write(',');
            }
            string(json, keys[i]);
            json.write(':');
            Object value = event.data().get(keys[i]);
            if (value instanceof Number || value instanceof Boolean) {
                json.write(value.toString());
            } else {
                string(json, String.valueOf(value));
            }
        }
        json.write("}}");
    }

    private static void string(Writer json, String s) throws IOException {
        json.write('"');
        if (plain(s)) {
            json.write(s);
            json.write('"');
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.write("\\\"");
                case '\\' -> json.write("\\\\");
                case '\n' -> json.write("\\n");
                case '\r' -> json.write("\\r");
                case '\t' -> json.write("\\t");
                default -> {
                    if (c < 0x20) {
                        json.write(String.format("\\u%04x", (int) c));
                    } else {
                        json.write(c);
                    }
                }
            }
        }
        json.write('"');
    }

    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
