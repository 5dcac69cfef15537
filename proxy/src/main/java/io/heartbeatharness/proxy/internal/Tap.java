package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TapEvents;
import io.heartbeatharness.proxy.control.TapLog;
import io.heartbeatharness.time.Mono;
import io.heartbeatharness.timeline.Timeline;
import io.heartbeatharness.timeline.TimelineEvent;

import java.util.HashMap;
import java.util.Map;

/** Where one proxy's tap events go: the caller's timeline (if any) and the proxy's own bounded {@link TapLog}. */
public final class Tap {
    private final Timeline timeline;
    private final TapLog log;

    public Tap(Timeline timeline, TapLog log) {
        this.timeline = timeline;
        this.log = log;
    }

    public Timeline timeline() {
        return timeline;
    }

    public TapLog log() {
        return log;
    }

    /**
     * Records one chunk read from a socket: the tap's hottest path (every chunk of every connection), so it builds
     * the event's immutable map directly, without the general path's copies.
     */
    public void recordBytes(String conn, String direction, int bytes, boolean dropped) {
        add(new TimelineEvent(Mono.now(), System.currentTimeMillis(), Sources.PROXY, TapEvents.BYTES,
                Map.of("conn", conn, "direction", direction, "bytes", bytes, "dropped", dropped)));
    }

    private void add(TimelineEvent event) {
        if (timeline != null) {
            timeline.add(event);
        }
        log.add(event);
    }

    /**
     * Records that the proxy's event loop did not run from {@code lastRanNanos} until {@code resumedNanos}: any stamp
     * taken in between, or as the loop resumed, may be late by up to the difference.
     */
    public void recordStall(long lastRanNanos, long resumedNanos, long periodMillis) {
        add(new TimelineEvent(resumedNanos, System.currentTimeMillis(), Sources.PROXY, TapEvents.STALL,
                Map.of("from_ns", lastRanNanos, "stalled_ms", (resumedNanos - lastRanNanos) / 1_000_000,
                        "period_ms", periodMillis)));
    }

    /** Records an event of connection {@code conn} now; {@code keyValues} alternate names and values. */
    public void record(String conn, String type, Object... keyValues) {
        Map<String, Object> data = new HashMap<>(4 + keyValues.length);
        data.put("conn", conn);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                data.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        add(new TimelineEvent(Mono.now(), System.currentTimeMillis(), Sources.PROXY, type, data));
    }
}
