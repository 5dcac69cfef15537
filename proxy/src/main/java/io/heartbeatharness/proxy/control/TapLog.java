package io.heartbeatharness.proxy.control;

import io.heartbeatharness.timeline.TimelineEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * The most recent tap events of one proxy, numbered from 1, kept in a ring of fixed capacity so a long-running
 * proxy never grows without bound; read by non-Java callers through {@code GET /proxies/{name}/events?since=N}.
 */
public final class TapLog {
    /** Enough for minutes of heartbeat traffic on hundreds of connections, at roughly 200 bytes an event. */
    public static final int DEFAULT_CAPACITY = 16_384;

    /** One numbered event. */
    public record Entry(long seq, TimelineEvent event) {
    }

    /**
     * Events after a given number.
     *
     * @param events the events, oldest first
     * @param next   the number to pass as {@code since} next time (the last number returned, or {@code since})
     * @param missed events that were overwritten before they could be read (the caller polled too slowly)
     */
    public record Page(List<Entry> events, long next, long missed) {
    }

    private final TimelineEvent[] ring;
    private long written;

    public TapLog(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity: must not be negative, got " + capacity);
        }
        this.ring = new TimelineEvent[capacity];
    }

    public int capacity() {
        return ring.length;
    }

    public synchronized void add(TimelineEvent event) {
        written++;
        if (ring.length > 0) {
            ring[(int) ((written - 1) % ring.length)] = event;
        }
    }

    /** The number of the newest event (0 before the first). */
    public synchronized long last() {
        return written;
    }

    /** Up to {@code limit} events numbered above {@code since}, oldest first. */
    public synchronized Page since(long since, int limit) {
        long from = Math.max(since, 0) + 1;
        long oldest = Math.max(1, written - ring.length + 1);
        long missed = 0;
        if (from < oldest) {
            missed = oldest - from;
            from = oldest;
        }
        List<Entry> out = new ArrayList<>();
        long seq = from;
        for (; seq <= written && out.size() < limit; seq++) {
            out.add(new Entry(seq, ring[(int) ((seq - 1) % ring.length)]));
        }
        long next = out.isEmpty() ? Math.max(Math.min(Math.max(since, 0), written), from - 1) : out.get(out.size() - 1).seq();
        return new Page(out, next, missed);
    }
}
