package io.heartbeatharness.report.internal;

import io.heartbeatharness.report.internal.TimelineChart.Lane;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TapEvents;
import io.heartbeatharness.timeline.TimelineEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.heartbeatharness.report.internal.TimelineChart.HEADER;
import static io.heartbeatharness.report.internal.TimelineChart.LANE;
import static io.heartbeatharness.report.internal.TimelineChart.PROXY_CLIENT;
import static io.heartbeatharness.report.internal.TimelineChart.PROXY_SERVER;

/** The lanes of a timeline: which lane an event goes in, their order from top to bottom, and their headings. */
final class TimelineLanes {
    /** The proxy's lane for an event that belongs to neither side. */
    private static final String PROXY = "proxy";

    private TimelineLanes() {
    }

    /** Which lane an event is drawn in. */
    static String laneOf(TimelineEvent event) {
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
    static String[] laneTitle(String key, Set<String> servers) {
        return switch (key) {
            case Sources.HARNESS -> new String[]{"harness", "faults, processes"};
            case PROXY_CLIENT -> new String[]{"proxy", "client side"};
            case PROXY_SERVER -> new String[]{"proxy", "server side"};
            case PROXY -> new String[]{"proxy", ""};
            default -> new String[]{key, servers.contains(key) ? "server" : "client"};
        };
    }

    /** The lanes of {@code events} by key, in order from the top; a source that listened is a server. */
    static Map<String, Lane> layout(List<TimelineEvent> events) {
        Set<String> servers = new TreeSet<>();
        events.stream().filter(e -> e.is(PeerEvents.LISTENING)).forEach(e -> servers.add(e.source()));
        List<String> keys = new ArrayList<>();
        for (TimelineEvent event : events) {
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
}
