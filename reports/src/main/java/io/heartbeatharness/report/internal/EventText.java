package io.heartbeatharness.report.internal;

import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.TapEvents;
import io.heartbeatharness.timeline.TimelineEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/** How an event reads in words: a short label on the chart, and its details for tooltips and the event table. */
final class EventText {
    private EventText() {
    }

    /** Short text for a labelled event, e.g. {@code closed 4000 heartbeat timeout (by self)}. */
    static String describe(TimelineEvent e) {
        String conn = e.str("conn") == null ? "" : " " + e.str("conn");
        return switch (e.type()) {
            case HarnessEvents.FAULT_START -> "fault start" + values(e, "fault", "direction");
            case HarnessEvents.FAULT_END -> "fault end" + values(e, "fault", "direction");
            case HarnessEvents.PROCESS_START -> "start " + e.str("process");
            case HarnessEvents.PROCESS_EXIT -> "exit " + e.str("process") + values(e, "status");
            case HarnessEvents.SIGSTOP, HarnessEvents.SIGCONT, HarnessEvents.SIGKILL ->
                    e.type().toUpperCase(Locale.ROOT) + " " + e.str("process");
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

    /** The event's details as {@code key=value} pairs in key order, for tooltips and the event table. */
    static String details(TimelineEvent e) {
        List<String> pairs = new ArrayList<>();
        new TreeMap<>(e.data()).forEach((k, v) -> pairs.add(k + "=" + v));
        return String.join(", ", pairs);
    }

    /** The values of those {@code keys} the event has, in parentheses, or nothing when it has none. */
    private static String values(TimelineEvent e, String... keys) {
        List<String> present = new ArrayList<>();
        for (String key : keys) {
            if (e.str(key) != null) {
                present.add(e.str(key));
            }
        }
        return present.isEmpty() ? "" : " (" + String.join(", ", present) + ")";
    }

    /** Each part that is there, after {@code separator}. */
    private static String join(String separator, String... parts) {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (part != null) {
                out.append(separator).append(part);
            }
        }
        return out.toString();
    }
}
