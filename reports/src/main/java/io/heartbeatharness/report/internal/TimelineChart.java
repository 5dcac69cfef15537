package io.heartbeatharness.report.internal;

import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.TimelineEvent;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The geometry of a cell's SVG timeline, drawn to scale: one lane per source (the harness, each process, the
 * proxy's client and server sides), the budget window shaded from the fault's start, vertical lines at the fault,
 * the detection and the reconnect, and every event as a mark — labelled where there is room, with a tooltip
 * always. The template only prints these numbers; nothing here is HTML.
 *
 * <pre>
 *   header   | fault start      detected  budget
 *   harness  |  ◆ fault-start      :        :
 *   target   |  ● ● last ping      :  ◆ closed 4000 …
 *   proxy    |  | | |   × ×        :  ◆ FIN
 *   axis     |  0   +1 s   +2 s   +3 s
 * </pre>
 *
 * <p>The lanes are {@link TimelineLanes}', the scale {@link TimelineScale}'s, the axis, budget window and lines
 * {@link TimelineGuides}', the marks {@link TimelineMarks}'.
 */
public record TimelineChart(int width, int height, int plotLeft, int plotRight, int lanesTop, int lanesBottom,
                            List<Lane> lanes, List<Tick> ticks, List<Window> budget, List<Vertical> verticals,
                            List<Mark> marks, String origin, String range, boolean zoom) {

    static final int WIDTH = 1180;
    static final int PLOT_LEFT = 180;
    static final int PLOT_RIGHT = 1160;
    /** Three rows of labels for the vertical lines. */
    static final int HEADER = 50;
    static final int LANE = 60;
    static final int AXIS = 30;

    public static final String PROXY_CLIENT = "proxy:client";
    public static final String PROXY_SERVER = "proxy:server";
    /** Signs of a dead link: the zoom starts at the first of them after the fault. */
    private static final Set<String> CLOSES = Set.of("peer-dead", "closed", "fin", "rst", "proxy-close", "ws-frame");

    /** Height of the band the lanes take, which the budget window spans. */
    public int lanesHeight() {
        return lanesBottom - lanesTop;
    }

    /** A horizontal band for one source. */
    public record Lane(String key, String name, String role, int top, int height, boolean odd, int nameY, int roleY) {
    }

    /** A grid line and its label on the time axis. */
    public record Tick(String x, String label, boolean origin) {
    }

    /** The budget window: from the fault's start to start + budget. */
    public record Window(String x, String width, String title) {
    }

    /** A line across all lanes (fault start and end, detection, reconnect) with its label in the header. */
    public record Vertical(String cls, String x, String title, boolean labelled, String label, String labelX,
                           String labelY, String anchor) {
    }

    /** One event: a dot, a tick (bytes) or a larger dot (key events), maybe labelled. */
    public record Mark(String cls, String type, String source, String title, boolean tick, String x, String y,
                       String r, String y1, String y2, boolean labelled, String label, String labelX, String labelY,
                       String anchor) {
    }

    /** A zoom is drawn when detection and reconnect fit in less than this share of the whole timeline. */
    static final double ZOOM_BELOW = 0.2;

    /** The chart of one repetition's whole timeline, or empty when it holds no event. */
    public static Optional<TimelineChart> of(CellResult cell) {
        List<TimelineEvent> events = sorted(cell);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(draw(cell, events, null, null));
    }

    /**
     * A second chart, to the same scale rules, of the moments from detection to reconnect — where closes,
     * retries and the new connection crowd into a few pixels of the whole — or empty when they already read
     * well in the whole timeline (or there was no detection).
     */
    public static Optional<TimelineChart> zoomOf(CellResult cell) {
        List<TimelineEvent> events = sorted(cell);
        if (events.isEmpty() || cell.faultStartNs() == null || cell.detectionMs() == null) {
            return Optional.empty();
        }
        TimelineScale whole = new TimelineScale(cell, events, null, null);
        // From the first sign of the dead link on either side (the peer may notice before the target) ...
        long from = events.stream()
                .filter(e -> e.monoNanos() > whole.faultStart && e.monoNanos() < whole.detection && CLOSES.contains(e.type()))
                .mapToLong(TimelineEvent::monoNanos).findFirst().orElse(whole.detection);
        // ... to the reconnect.
        long to = whole.reconnect != null ? Math.max(whole.reconnect, whole.detection) : whole.detection;
        // Room either side for the events that lead up to the detection and follow the reconnect.
        long pad = Math.max((to - from) / 4, 25_000_000L);
        long start = from - pad;
        long end = to + pad;
        if (end - start >= ZOOM_BELOW * (whole.t1 - whole.t0)) {
            return Optional.empty();
        }
        return Optional.of(draw(cell, events, start, end));
    }

    /**
     * The events to draw, in time order. Budgets are left to the event table: the cell states them before it starts
     * anything, maybe long before its turn to start processes comes, and drawn they would stretch the chart over that wait.
     */
    private static List<TimelineEvent> sorted(CellResult cell) {
        return cell.timeline().stream().filter(e -> !e.is(HarnessEvents.BUDGET))
                .sorted(Comparator.comparingLong(TimelineEvent::monoNanos)).toList();
    }

    /** The chart of {@code all} (sorted): every event, or those from {@code from} to {@code to} when they are given. */
    private static TimelineChart draw(CellResult cell, List<TimelineEvent> all, Long from, Long to) {
        boolean zoom = from != null;
        List<TimelineEvent> shown = zoom
                ? all.stream().filter(e -> e.monoNanos() >= from && e.monoNanos() <= to).toList()
                : all;
        TimelineScale scale = new TimelineScale(cell, all, from, to);
        // Lanes come from every event, so that a zoom has the same lanes as the whole timeline.
        Map<String, Lane> lanes = TimelineLanes.layout(all);
        int lanesBottom = HEADER + lanes.size() * LANE;
        List<Mark> marks = TimelineMarks.draw(scale, shown, lanes);
        return new TimelineChart(WIDTH, lanesBottom + AXIS, PLOT_LEFT, PLOT_RIGHT, HEADER, lanesBottom,
                List.copyOf(lanes.values()), TimelineGuides.ticks(scale), TimelineGuides.budget(scale, cell),
                TimelineGuides.verticals(scale, cell), marks, scale.faultStart != null ? "fault start" : "first event",
                scale.range(), zoom);
    }

    /** Which lane an event is drawn in. */
    public static String laneOf(TimelineEvent event) {
        return TimelineLanes.laneOf(event);
    }

    /** A lane's heading: the source's name and what it does. */
    public static String[] laneTitle(String key, Set<String> servers) {
        return TimelineLanes.laneTitle(key, servers);
    }

    /** Short text for a labelled event, e.g. {@code closed 4000 heartbeat timeout (by self)}. */
    public static String describe(TimelineEvent e) {
        return EventText.describe(e);
    }

    /** The event's details as {@code key=value} pairs in key order, for tooltips and the event table. */
    public static String details(TimelineEvent e) {
        return EventText.details(e);
    }
}
