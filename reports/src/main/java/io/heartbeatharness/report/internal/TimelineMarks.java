package io.heartbeatharness.report.internal;

import io.heartbeatharness.report.internal.TimelineChart.Lane;
import io.heartbeatharness.report.internal.TimelineChart.Mark;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.TapEvents;
import io.heartbeatharness.timeline.TimelineEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.heartbeatharness.report.internal.TimelineChart.PLOT_LEFT;
import static io.heartbeatharness.report.internal.TimelineChart.WIDTH;

/**
 * Every event as a mark in its lane: a tick for bytes, a dot otherwise, larger for key events, which are labelled
 * where there is room, most important first. Of the heartbeats only the last before the fault and the first after the
 * reconnect are labelled.
 */
final class TimelineMarks {
    /** Marks closer than this are one spot on the screen (a heartbeat's dot is 7 px across). */
    private static final double SAME_SPOT_PX = 1.0;
    private static final Set<String> HEARTBEATS = Set.of("ping-sent", "ping-received", "pong-sent", "pong-received");

    /** An event to draw, with its label if it is to have one and how much that label matters (0 most). */
    private record Pending(TimelineEvent event, String label, int priority) {
    }

    private TimelineMarks() {
    }

    /** The marks of {@code events} in {@code lanes}, in the events' order. */
    static List<Mark> draw(TimelineScale scale, List<TimelineEvent> events, Map<String, Lane> lanes) {
        // Once as objects: labels are matched to events by identity, and a timeline decodes each read afresh.
        List<Pending> pending = pending(scale, List.copyOf(events));
        Map<TimelineEvent, LabelRows.Placement> placements = placeLabels(scale, pending, lanes);
        SameSpotMarks marks = new SameSpotMarks();
        for (Pending p : pending) {
            TimelineEvent e = p.event();
            Lane lane = lanes.get(TimelineLanes.laneOf(e));
            double x = scale.x(e.monoNanos());
            String cls = cssClass(e, p.label() != null);
            LabelRows.Placement placed = placements.get(e);
            // A mark whose label is shown stands for its own event, so it is never merged.
            String spot = lane.key() + " " + cls + " " + e.type() + " " + Math.round(x / SAME_SPOT_PX);
            if (placed == null && marks.taken(spot)) {
                continue;
            }
            int base = lane.top() + 48;
            String title = Format.offset(e.monoNanos() - scale.origin) + " · " + e.source() + " · " + e.type()
                    + (e.data().isEmpty() ? "" : " · " + EventText.details(e));
            boolean tick = e.is(TapEvents.BYTES);
            marks.add(new Mark(cls, e.type(), e.source(), title, tick, Format.coord(x), Integer.toString(base),
                    HEARTBEATS.contains(e.type()) && p.label() == null ? "3.5" : "5",
                    Integer.toString(base - 7), Integer.toString(base + 7), placed != null,
                    p.label() == null ? "" : p.label(),
                    placed == null ? "" : Format.coord(placed.x()),
                    placed == null ? "" : Integer.toString(lane.top() + 14 + 12 * placed.row()),
                    placed == null ? "start" : placed.anchor()));
        }
        return marks.list();
    }

    /** Each event with the label it should have: none for bytes and ordinary heartbeats. */
    private static List<Pending> pending(TimelineScale scale, List<TimelineEvent> events) {
        Map<TimelineEvent, String> special = specialHeartbeats(scale, events);
        List<Pending> pending = new ArrayList<>();
        for (TimelineEvent event : events) {
            String label = special.get(event);
            if (label == null && !HEARTBEATS.contains(event.type()) && !event.is("bytes")) {
                label = EventText.describe(event);
            }
            pending.add(new Pending(event, label, priority(event, special.containsKey(event))));
        }
        return pending;
    }

    /** Where each label that fits goes in its lane, the more important labels placed first. */
    private static Map<TimelineEvent, LabelRows.Placement> placeLabels(TimelineScale scale, List<Pending> pending,
                                                                       Map<String, Lane> lanes) {
        Map<String, LabelRows> rows = new LinkedHashMap<>();
        lanes.keySet().forEach(key -> rows.put(key, new LabelRows(3, PLOT_LEFT, WIDTH - 4)));
        Map<TimelineEvent, LabelRows.Placement> placements = new IdentityHashMap<>();
        pending.stream().filter(p -> p.label() != null)
                .sorted(Comparator.comparingInt(Pending::priority))
                .forEach(p -> rows.get(TimelineLanes.laneOf(p.event())).place(scale.x(p.event().monoNanos()), p.label())
                        .ifPresent(placement -> placements.put(p.event(), placement)));
        return placements;
    }

    /** The last heartbeat before the fault and the first after the reconnect, in each process's lane. */
    private static Map<TimelineEvent, String> specialHeartbeats(TimelineScale scale, List<TimelineEvent> events) {
        Map<TimelineEvent, String> special = new IdentityHashMap<>();
        Map<String, TimelineEvent> lastBefore = new LinkedHashMap<>();
        Map<String, TimelineEvent> firstAfter = new LinkedHashMap<>();
        for (TimelineEvent e : events) {
            if (!HEARTBEATS.contains(e.type())) {
                continue;
            }
            if (scale.faultStart != null && e.monoNanos() < scale.faultStart) {
                lastBefore.put(e.source(), e);
            }
            if (scale.reconnect != null && e.monoNanos() > scale.reconnect) {
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

    /** The mark's CSS classes: its kind of event, and {@code key} when the event has a label, shown or not. */
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
