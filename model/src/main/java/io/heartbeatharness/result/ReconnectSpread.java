package io.heartbeatharness.result;

import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TimelineEvent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When the connections of a storm run came back after the kill: the offsets themselves, their distribution,
 * fixed-width bins for the histogram, and the busiest 10 ms window (the SHOULD of {@code server-restart/storm}).
 *
 * @param offsetsMs reconnect instants in ms after the kill, ascending
 */
public record ReconnectSpread(List<Long> offsetsMs) {
    /** The window the storm scenario's SHOULD is stated in: no 10 ms window may hold more than a set share. */
    public static final long WINDOW_MS = 10;
    /**
     * A spread is drawn from ten reconnects on: fewer are a handful of events the timeline already shows one by
     * one, not a storm.
     */
    public static final int MIN_RECONNECTS = 10;
    /** At most this many bars, so a spread over seconds still fits the page; bins widen in steps of 10 ms. */
    public static final int MAX_BINS = 120;

    public ReconnectSpread {
        offsetsMs = offsetsMs.stream().sorted().toList();
    }

    /**
     * The spread of {@code cell}: its measured offsets, or else derived from the timeline — every {@code connected}
     * event, after the first harness {@code sigkill}, from a process that acts as a client (one that scheduled a
     * reconnect or failed to connect). Empty when fewer than {@link #MIN_RECONNECTS} reconnects are found.
     */
    public static Optional<ReconnectSpread> of(CellResult cell) {
        List<Long> offsets = cell.reconnectOffsetsMs().isEmpty() ? derive(cell.timeline()) : cell.reconnectOffsetsMs();
        return offsets.size() < MIN_RECONNECTS ? Optional.empty() : Optional.of(new ReconnectSpread(offsets));
    }

    public static List<Long> derive(List<TimelineEvent> timeline) {
        Optional<TimelineEvent> kill = timeline.stream()
                .filter(e -> e.source().equals(Sources.HARNESS) && e.is(HarnessEvents.SIGKILL)).findFirst();
        if (kill.isEmpty()) {
            return List.of();
        }
        Set<String> clients = new HashSet<>();
        for (TimelineEvent event : timeline) {
            if (event.is("reconnect-scheduled") || event.is("connect-failed")) {
                clients.add(event.source());
            }
        }
        clients.remove("proxy");
        long killed = kill.get().monoNanos();
        List<Long> offsets = new ArrayList<>();
        for (TimelineEvent event : timeline) {
            if (event.monoNanos() > killed && event.is("connected") && clients.contains(event.source())) {
                offsets.add((event.monoNanos() - killed) / 1_000_000);
            }
        }
        return offsets;
    }

    public int count() {
        return offsetsMs.size();
    }

    public Distribution distribution() {
        return Distribution.of(offsetsMs).orElseThrow();
    }

    /** Bin width: 10 ms, or a multiple of it when the spread would need more than {@link #MAX_BINS} bars. */
    public long binMs() {
        long span = offsetsMs.get(offsetsMs.size() - 1) - firstBinStart() + 1;
        long bins = (span + WINDOW_MS - 1) / WINDOW_MS;
        return WINDOW_MS * Math.max(1, (bins + MAX_BINS - 1) / MAX_BINS);
    }

    /** Start of the first bin: the first reconnect rounded down to 10 ms. */
    public long firstBinStart() {
        return Math.floorDiv(offsetsMs.get(0), WINDOW_MS) * WINDOW_MS;
    }

    /** Reconnects per bin, from {@link #firstBinStart()} in steps of {@link #binMs()}. */
    public List<Integer> bins() {
        long width = binMs();
        long start = firstBinStart();
        int n = (int) ((offsetsMs.get(offsetsMs.size() - 1) - start) / width) + 1;
        int[] counts = new int[n];
        for (long offset : offsetsMs) {
            counts[(int) ((offset - start) / width)]++;
        }
        List<Integer> bins = new ArrayList<>(n);
        for (int c : counts) {
            bins.add(c);
        }
        return bins;
    }

    /** The most reconnects any 10 ms window holds (sliding, not binned), and where that window starts. */
    public Busiest busiestWindow() {
        int best = 0;
        long at = offsetsMs.get(0);
        int j = 0;
        for (int i = 0; i < offsetsMs.size(); i++) {
            while (offsetsMs.get(j) <= offsetsMs.get(i) - WINDOW_MS) {
                j++;
            }
            if (i - j + 1 > best) {
                best = i - j + 1;
                at = offsetsMs.get(j);
            }
        }
        return new Busiest(best, at);
    }

    /**
     * @param count   reconnects in the window
     * @param startMs where the window starts, ms after the kill
     */
    public record Busiest(int count, long startMs) {
    }
}
