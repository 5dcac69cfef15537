package io.heartbeatharness.report.internal;

import io.heartbeatharness.report.CellResult;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TapEvents;
import io.heartbeatharness.timeline.TimelineEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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
    /** Marks closer than this are one spot on the screen (a heartbeat's dot is 7 px across). */
    static final double SAME_SPOT_PX = 1.0;
    /** Average glyph width of the 11 px label font (bold in the header), rounded up, to guess how wide a label is. */
    static final double CHAR_PX = 6.8;

    public static final String PROXY_CLIENT = "proxy:client";
    public static final String PROXY_SERVER = "proxy:server";
    private static final String PROXY = "proxy";
    private static final Set<String> CLOSES = Set.of("peer-dead", "closed", "fin", "rst", "proxy-close", "ws-frame");
    private static final Set<String> HEARTBEATS = Set.of("ping-sent", "ping-received", "pong-sent", "pong-received");

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
        return Optional.of(new Builder(cell, events, null, null).build());
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
        Builder whole = new Builder(cell, events, null, null);
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
        return Optional.of(new Builder(cell, events, start, end).build());
    }

    private static List<TimelineEvent> sorted(CellResult cell) {
        return cell.timeline().stream().sorted(Comparator.comparingLong(TimelineEvent::monoNanos)).toList();
    }

    /** Which lane an event is drawn in. */
    public static String laneOf(TimelineEvent event) {
        if (!event.source().equals(PROXY)) {
            return event.source();
        }
        String side = event.str("side");
        if (side != null) {
            return "server".equals(side) ? PROXY_SERVER : PROXY_CLIENT;
        }
        String direction = event.str("direction");
        if (direction != null) {
            return "downstream".equals(direction) ? PROXY_SERVER : PROXY_CLIENT;
        }
        return switch (event.type()) {
            case TapEvents.ACCEPT -> PROXY_CLIENT;
            case TapEvents.CONNECT, TapEvents.CONNECT_FAILED -> PROXY_SERVER;
            default -> PROXY;
        };
    }

    /** A lane's heading: the source's name and what it does. */
    public static String[] laneTitle(String key, Set<String> servers) {
        return switch (key) {
            case Sources.HARNESS -> new String[]{"harness", "faults, processes"};
            case PROXY_CLIENT -> new String[]{"proxy", "client side"};
            case PROXY_SERVER -> new String[]{"proxy", "server side"};
            case PROXY -> new String[]{"proxy", ""};
            default -> new String[]{key, servers.contains(key) ? "server" : "client"};
        };
    }

    /** Short text for a labelled event, e.g. {@code closed 4000 heartbeat timeout (by self)}. */
    public static String describe(TimelineEvent e) {
        String conn = e.str("conn") == null ? "" : " " + e.str("conn");
        return switch (e.type()) {
            case HarnessEvents.FAULT_START -> "fault start" + values(e, "fault", "direction");
            case HarnessEvents.FAULT_END -> "fault end" + values(e, "fault", "direction");
            case HarnessEvents.PROCESS_START -> "start " + e.str("process");
            case HarnessEvents.PROCESS_EXIT -> "exit " + e.str("process") + values(e, "status");
            case HarnessEvents.SIGSTOP, HarnessEvents.SIGCONT, HarnessEvents.SIGKILL ->
                    e.type().toUpperCase(java.util.Locale.ROOT) + " " + e.str("process");
            case PeerEvents.CLOSED -> "closed" + join(" ", e.str("code"), e.str("reason"))
                    + (e.str("by") == null ? "" : " (by " + e.str("by") + ")");
            case PeerEvents.PEER_DEAD -> "peer dead" + (e.str("reason") == null ? "" : ": " + e.str("reason"));
            case PeerEvents.RECONNECT_SCHEDULED -> "reconnect" + (e.str("attempt") == null ? "" : " #" + e.str("attempt"))
                    + (e.str("delay_ms") == null ? "" : " in " + e.str("delay_ms") + " ms");
            case PeerEvents.LISTENING -> "listening" + (e.str("port") == null ? "" : " :" + e.str("port"));
            case TapEvents.FIN -> "FIN" + conn;
            case TapEvents.RST -> "RST" + conn;
            case TapEvents.WS_FRAME -> "Close frame" + (e.str("code") == null ? "" : " " + e.str("code")) + conn
                    + ("true".equals(e.str("dropped")) ? " (dropped)" : "");
            case TapEvents.PROXY_CLOSE -> "proxy close" + conn + values(e, "cause");
            case TapEvents.ACCEPT, TapEvents.CONNECT -> e.type() + conn;
            case TapEvents.STALL -> "proxy stalled " + e.str("stalled_ms") + " ms";
            default -> e.type();
        };
    }

    private static String values(TimelineEvent e, String... keys) {
        List<String> present = new ArrayList<>();
        for (String key : keys) {
            if (e.str(key) != null) {
                present.add(e.str(key));
            }
        }
        return present.isEmpty() ? "" : " (" + String.join(", ", present) + ")";
    }

    private static String join(String separator, String... parts) {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (part != null) {
                out.append(separator).append(part);
            }
        }
        return out.toString();
    }

    /** The event's details as {@code key=value} pairs in key order, for tooltips and the event table. */
    public static String details(TimelineEvent e) {
        List<String> pairs = new ArrayList<>();
        new java.util.TreeMap<>(e.data()).forEach((k, v) -> pairs.add(k + "=" + v));
        return String.join(", ", pairs);
    }

    /** Greedy label placement in a few rows: a label goes in the first row where it overlaps nothing. */
    static final class LabelRows {
        private final List<List<double[]>> rows = new ArrayList<>();
        private final Map<String, List<Double>> written = new java.util.HashMap<>();
        private final double left;
        private final double right;

        LabelRows(int count, double left, double right) {
            for (int i = 0; i < count; i++) {
                rows.add(new ArrayList<>());
            }
            this.left = left;
            this.right = right;
        }

        /**
         * Row index, x and anchor of the label, or empty when every row is taken there or the same text is
         * already written close by (a crowd of reconnects needs one "connected", not forty).
         */
        Optional<Object[]> place(double x, String text) {
            double w = text.length() * CHAR_PX;
            boolean start = x + 4 + w <= right;
            double from = start ? x + 4 : Math.max(left, x - 4 - w);
            double to = from + w;
            List<Double> same = written.get(text);
            if (same != null && same.stream().anyMatch(at -> Math.abs(at - x) < w + 20)) {
                return Optional.empty();
            }
            for (int i = 0; i < rows.size(); i++) {
                boolean free = rows.get(i).stream().noneMatch(span -> from < span[1] + 6 && to + 6 > span[0]);
                if (free) {
                    rows.get(i).add(new double[]{from, to});
                    written.computeIfAbsent(text, t -> new ArrayList<>()).add(x);
                    return Optional.of(new Object[]{i, start ? x + 4 : x - 4, start ? "start" : "end"});
                }
            }
            return Optional.empty();
        }
    }

    private static final class Builder {
        private final CellResult cell;
        private final List<TimelineEvent> all;
        private final List<TimelineEvent> events;
        private final boolean zoom;
        private final Long faultStart;
        private final Long detection;
        private final Long reconnect;
        private final Long faultEnd;
        private final Long budgetEnd;
        private final long origin;
        private final double t0;
        private final double t1;

        Builder(CellResult cell, List<TimelineEvent> all, Long from, Long to) {
            this.cell = cell;
            this.all = all;
            this.zoom = from != null;
            this.events = zoom ? all.stream().filter(e -> e.monoNanos() >= from && e.monoNanos() <= to).toList() : all;
            List<TimelineEvent> events = all;
            this.faultStart = cell.faultStartNs();
            this.faultEnd = faultStart == null ? null : events.stream()
                    .filter(e -> e.source().equals(Sources.HARNESS) && e.is(HarnessEvents.FAULT_END) && e.monoNanos() >= faultStart)
                    .map(TimelineEvent::monoNanos).findFirst().orElse(null);
            this.detection = faultStart == null || cell.detectionMs() == null ? null
                    : faultStart + cell.detectionMs() * 1_000_000;
            Long healAnchor = faultEnd != null ? faultEnd : detection;
            this.reconnect = healAnchor == null || cell.reconnectMs() == null ? null
                    : healAnchor + cell.reconnectMs() * 1_000_000;
            this.budgetEnd = faultStart == null || cell.budgetMs() == null ? null
                    : faultStart + cell.budgetMs() * 1_000_000;
            long first = events.get(0).monoNanos();
            long last = events.get(events.size() - 1).monoNanos();
            for (Long instant : new Long[]{faultStart, detection, reconnect, budgetEnd}) {
                if (instant != null) {
                    first = Math.min(first, instant);
                    last = Math.max(last, instant);
                }
            }
            this.origin = faultStart != null ? faultStart : events.get(0).monoNanos();
            if (zoom) {
                this.t0 = from;
                this.t1 = to;
            } else {
                double span = Math.max(last - first, 1_000_000);
                this.t0 = first - span * 0.02;
                this.t1 = last + span * 0.02;
            }
        }

        boolean inRange(Long instant) {
            return instant != null && instant >= t0 && instant <= t1;
        }

        double x(long nanos) {
            return PLOT_LEFT + (nanos - t0) / (t1 - t0) * (PLOT_RIGHT - PLOT_LEFT);
        }

        TimelineChart build() {
            Set<String> servers = new TreeSet<>();
            all.stream().filter(e -> e.is(PeerEvents.LISTENING)).forEach(e -> servers.add(e.source()));
            Map<String, Lane> lanes = lanes(servers);
            int lanesTop = HEADER;
            int lanesBottom = lanesTop + lanes.size() * LANE;
            List<Mark> marks = marks(lanes);
            return new TimelineChart(WIDTH, lanesBottom + AXIS, PLOT_LEFT, PLOT_RIGHT, lanesTop, lanesBottom,
                    List.copyOf(lanes.values()), ticks(), budget(), verticals(),
                    marks, faultStart != null ? "fault start" : "first event",
                    Format.offset((long) t0 - origin) + " to " + Format.offset((long) t1 - origin), zoom);
        }

        private Map<String, Lane> lanes(Set<String> servers) {
            List<String> keys = new ArrayList<>();
            for (TimelineEvent event : all) {
                String key = laneOf(event);
                if (!keys.contains(key)) {
                    keys.add(key);
                }
            }
            keys.sort(Comparator.comparingInt((String key) -> rank(key, servers)).thenComparing(key -> key));
            Map<String, Lane> lanes = new LinkedHashMap<>();
            int top = HEADER;
            for (String key : keys) {
                String[] title = laneTitle(key, servers);
                lanes.put(key, new Lane(key, title[0], title[1], top, LANE, lanes.size() % 2 == 1,
                        top + 26, top + 40));
                top += LANE;
            }
            return lanes;
        }

        /** Harness on top, then clients, the proxy from client to server side, and servers at the bottom. */
        private static int rank(String key, Set<String> servers) {
            return switch (key) {
                case Sources.HARNESS -> 0;
                case PROXY_CLIENT -> 2;
                case PROXY -> 3;
                case PROXY_SERVER -> 4;
                default -> servers.contains(key) ? 5 : 1;
            };
        }

        private List<Tick> ticks() {
            double spanMs = (t1 - t0) / 1e6;
            long step = Format.niceStep(spanMs, 10);
            List<Tick> ticks = new ArrayList<>();
            long firstMs = (long) Math.ceil((t0 - origin) / 1e6 / step) * step;
            for (long ms = firstMs; origin + ms * 1_000_000 <= t1; ms += step) {
                double x = x(origin + ms * 1_000_000);
                ticks.add(new Tick(Format.coord(x), Format.tick(ms, step), ms == 0));
            }
            return ticks;
        }

        private List<Window> budget() {
            if (budgetEnd == null || budgetEnd < t0 || faultStart > t1) {
                return List.of();
            }
            double from = x((long) Math.max(faultStart, t0));
            double to = x((long) Math.min(budgetEnd, t1));
            String title = "budget window: " + cell.budgetMs() + " ms from the fault's start"
                    + (cell.budgetFormula() == null ? "" : " (" + cell.budgetFormula() + ")");
            return List.of(new Window(Format.coord(from), Format.coord(Math.max(to - from, 1)), title));
        }

        private List<Vertical> verticals() {
            record Line(String cls, Long at, String label, String title) {
            }
            List<Line> lines = new ArrayList<>();
            if (detection != null) {
                lines.add(new Line("v-detect", detection, "detected +" + cell.detectionMs() + " ms",
                        "detection " + cell.detectionMs() + " ms after the fault started"));
            }
            if (faultStart != null) {
                lines.add(new Line("v-fault", faultStart, "fault start", "the fault started"));
            }
            if (budgetEnd != null) {
                lines.add(new Line("v-budget", budgetEnd, "budget ends +" + cell.budgetMs() + " ms",
                        "end of the budget window"));
            }
            if (reconnect != null) {
                lines.add(new Line("v-reconnect", reconnect, "reconnected (" + cell.reconnectMs() + " ms)",
                        "reconnected " + cell.reconnectMs() + " ms after the " + (faultEnd != null ? "fault ended" : "detection")));
            }
            if (faultEnd != null) {
                lines.add(new Line("v-heal", faultEnd, "fault end", "the fault ended"));
            }
            LabelRows rows = new LabelRows(3, PLOT_LEFT, WIDTH - 4);
            List<Vertical> verticals = new ArrayList<>();
            for (Line line : lines) {
                if (!inRange(line.at())) {
                    continue;
                }
                double x = x(line.at());
                Optional<Object[]> placed = rows.place(x, line.label());
                verticals.add(new Vertical(line.cls(), Format.coord(x), line.title(), placed.isPresent(), line.label(),
                        placed.map(p -> Format.coord((double) p[1])).orElse(""),
                        placed.map(p -> Integer.toString(13 + 14 * (int) p[0])).orElse(""),
                        placed.map(p -> (String) p[2]).orElse("start")));
            }
            return verticals;
        }

        private List<Mark> marks(Map<String, Lane> lanes) {
            Map<TimelineEvent, String> special = specialHeartbeats();
            record Pending(TimelineEvent event, String label, int priority) {
            }
            List<Pending> pending = new ArrayList<>();
            for (TimelineEvent event : events) {
                String label = special.get(event);
                if (label == null && !HEARTBEATS.contains(event.type()) && !event.is("bytes")) {
                    label = describe(event);
                }
                pending.add(new Pending(event, label, priority(event, special.containsKey(event))));
            }
            Map<String, LabelRows> rows = new LinkedHashMap<>();
            lanes.keySet().forEach(key -> rows.put(key, new LabelRows(3, PLOT_LEFT, WIDTH - 4)));
            Map<TimelineEvent, Object[]> placements = new java.util.IdentityHashMap<>();
            pending.stream().filter(p -> p.label() != null)
                    .sorted(Comparator.comparingInt(Pending::priority))
                    .forEach(p -> rows.get(laneOf(p.event())).place(x(p.event().monoNanos()), p.label())
                            .ifPresent(placement -> placements.put(p.event(), placement)));
            List<Mark> marks = new ArrayList<>();
            List<Integer> repeats = new ArrayList<>();
            Map<String, Integer> spots = new java.util.HashMap<>();
            for (Pending p : pending) {
                TimelineEvent e = p.event();
                Lane lane = lanes.get(laneOf(e));
                double x = x(e.monoNanos());
                String cls = cssClass(e, p.label() != null);
                Object[] placed = placements.get(e);
                if (placed == null) {
                    // Marks of one kind without a label that fall on the same spot of a lane are drawn once: a fleet's
                    // thousands of closes or a storm's simultaneous heartbeats would otherwise be thousands of
                    // identical circles, and megabytes of page.
                    String spot = lane.key() + " " + cls + " " + e.type() + " " + Math.round(x / SAME_SPOT_PX);
                    Integer previous = spots.get(spot);
                    if (previous != null) {
                        repeats.set(previous, repeats.get(previous) + 1);
                        continue;
                    }
                    spots.put(spot, marks.size());
                }
                int base = lane.top() + 48;
                String title = Format.offset(e.monoNanos() - origin) + " · " + e.source() + " · " + e.type()
                        + (e.data().isEmpty() ? "" : " · " + details(e));
                boolean tick = e.is(TapEvents.BYTES);
                marks.add(new Mark(cls, e.type(), e.source(), title, tick, Format.coord(x), Integer.toString(base),
                        HEARTBEATS.contains(e.type()) && p.label() == null ? "3.5" : "5",
                        Integer.toString(base - 7), Integer.toString(base + 7), placed != null,
                        p.label() == null ? "" : p.label(),
                        placed == null ? "" : Format.coord((double) placed[1]),
                        placed == null ? "" : Integer.toString(lane.top() + 14 + 12 * (int) placed[0]),
                        placed == null ? "start" : (String) placed[2]));
                repeats.add(0);
            }
            for (int i = 0; i < marks.size(); i++) {
                if (repeats.get(i) > 0) {
                    Mark m = marks.get(i);
                    marks.set(i, new Mark(m.cls(), m.type(), m.source(), m.title() + " (and " + repeats.get(i)
                            + " more " + m.type() + " here)", m.tick(), m.x(), m.y(), m.r(), m.y1(), m.y2(),
                            m.labelled(), m.label(), m.labelX(), m.labelY(), m.anchor()));
                }
            }
            return marks;
        }

        /** The last heartbeat before the fault and the first after the reconnect, in each process's lane. */
        private Map<TimelineEvent, String> specialHeartbeats() {
            Map<TimelineEvent, String> special = new java.util.IdentityHashMap<>();
            Map<String, TimelineEvent> lastBefore = new LinkedHashMap<>();
            Map<String, TimelineEvent> firstAfter = new LinkedHashMap<>();
            for (TimelineEvent e : events) {
                if (!HEARTBEATS.contains(e.type())) {
                    continue;
                }
                if (faultStart != null && e.monoNanos() < faultStart) {
                    lastBefore.put(e.source(), e);
                }
                if (reconnect != null && e.monoNanos() > reconnect) {
                    firstAfter.putIfAbsent(e.source(), e);
                }
            }
            lastBefore.values().forEach(e -> special.put(e, "last " + e.type()));
            firstAfter.values().forEach(e -> special.put(e, "first " + e.type() + " after reconnect"));
            return special;
        }

        private static int priority(TimelineEvent e, boolean specialHeartbeat) {
            return switch (e.type()) {
                case HarnessEvents.FAULT_START, HarnessEvents.FAULT_END, HarnessEvents.SIGSTOP, HarnessEvents.SIGCONT,
                        HarnessEvents.SIGKILL, PeerEvents.CLOSED, PeerEvents.PEER_DEAD -> 0;
                case PeerEvents.RECONNECT_SCHEDULED, PeerEvents.CONNECTED, PeerEvents.RECONNECTED, PeerEvents.CONNECT_FAILED,
                        TapEvents.FIN, TapEvents.RST, TapEvents.PROXY_CLOSE, TapEvents.WS_FRAME -> 1;
                default -> specialHeartbeat ? 1 : 2;
            };
        }

        private static String cssClass(TimelineEvent e, boolean key) {
            String kind = switch (e.type()) {
                case HarnessEvents.FAULT_START, HarnessEvents.FAULT_END -> "k-fault";
                case HarnessEvents.SIGSTOP, HarnessEvents.SIGCONT, HarnessEvents.SIGKILL, HarnessEvents.PROCESS_START,
                        HarnessEvents.PROCESS_EXIT -> "k-process";
                case PeerEvents.CLOSED, PeerEvents.PEER_DEAD, TapEvents.FIN, TapEvents.RST, TapEvents.PROXY_CLOSE, TapEvents.WS_FRAME -> "k-close";
                case PeerEvents.CONNECTED, PeerEvents.RECONNECTED, TapEvents.ACCEPT, TapEvents.CONNECT, PeerEvents.LISTENING -> "k-connect";
                case PeerEvents.RECONNECT_SCHEDULED, TapEvents.CONNECT_FAILED -> "k-retry";
                case PeerEvents.PING_SENT, PeerEvents.PONG_SENT -> "k-hb-sent";
                case PeerEvents.PING_RECEIVED, PeerEvents.PONG_RECEIVED -> "k-hb-received";
                case TapEvents.BYTES -> Boolean.parseBoolean(e.str("dropped")) ? "k-bytes dropped" : "k-bytes";
                default -> "k-other";
            };
            return "ev " + kind + (key ? " key" : "");
        }
    }
}
