package io.heartbeatharness.judge;

import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TapEvents;
import io.heartbeatharness.timeline.TimelineEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Per-connection questions about a fleet's (large) timeline, each answered in one pass: which client process holds
 * each proxied connection, and how each connection ended.
 */
public final class FleetQueries {
    private FleetQueries() {
    }

    /** The only kinds of event {@link #firstCloses} looks at. */
    public static final Set<String> CLOSE_TYPES = Set.of(TapEvents.FIN, TapEvents.RST, TapEvents.WS_FRAME);
    /** The only kinds of event {@link #openAt} looks at. */
    public static final Set<String> OPEN_AT_TYPES = Set.of(TapEvents.ACCEPT, TapEvents.FIN, TapEvents.RST,
            TapEvents.WS_FRAME, TapEvents.PROXY_CLOSE, TapEvents.CONNECT_FAILED, PeerEvents.CONNECTED);

    /**
     * A proxied connection and the client process holding it.
     *
     * @param conn       the proxy tap's connection id
     * @param clientPort the client's local port, as the proxy accepted it
     * @param process    the process that reported {@code connected} from that port, or {@code null} if none did
     */
    public record Held(String conn, int clientPort, String process) {
    }

    /**
     * The connections accepted at or before {@code instant} and not closed by then (no FIN or RST from either side,
     * no close by the proxy), each with its holder: the process among {@code clients} that last reported
     * {@code connected} from the connection's client port — unless that report came before an earlier connection on
     * the same port ended, when it was that connection's (ports are reused). A TCP client reports {@code connected}
     * before the proxy gets round to the accept, a WebSocket client only after its handshake, so a connection with
     * no holder yet is one whose client is still connecting.
     */
    public static List<Held> openAt(List<TimelineEvent> events, long instant, Predicate<String> clients) {
        Map<String, Integer> open = new LinkedHashMap<>();
        Map<String, Integer> portOf = new HashMap<>();
        Map<Integer, TimelineEvent> claimOfPort = new HashMap<>();
        Map<Integer, Long> lastEndOnPort = new HashMap<>();
        for (TimelineEvent e : events) {
            if (e.monoNanos() > instant) {
                break;
            }
            if (isTap(e)) {
                String conn = e.str("conn");
                if (e.is(TapEvents.ACCEPT)) {
                    int port = Integer.parseInt(e.str("client_port"));
                    open.put(conn, port);
                    portOf.put(conn, port);
                } else if (isClose(e) || e.is(TapEvents.PROXY_CLOSE) || e.is(TapEvents.CONNECT_FAILED)) {
                    // Also gone: a connection the proxy closed itself, or whose upstream it could not reach.
                    open.remove(conn);
                    if (portOf.containsKey(conn)) {
                        lastEndOnPort.put(portOf.get(conn), e.monoNanos());
                    }
                }
            } else if (e.is(PeerEvents.CONNECTED) && e.data().containsKey("local_port") && clients.test(e.source())) {
                claimOfPort.put(Integer.parseInt(e.str("local_port")), e);
            }
        }
        List<Held> held = new ArrayList<>(open.size());
        open.forEach((conn, port) -> {
            TimelineEvent claim = claimOfPort.get(port);
            boolean claimed = claim != null && claim.monoNanos() > lastEndOnPort.getOrDefault(port, Long.MIN_VALUE);
            held.add(new Held(conn, port, claimed ? claim.source() : null));
        });
        return held;
    }

    /** Whether every connection in {@code held} has a holder and there are at least {@code connections} of them. */
    public static boolean settled(List<Held> held, int connections) {
        return held.size() >= connections && held.stream().allMatch(h -> h.process() != null);
    }

    /** The first close (FIN, RST or WebSocket Close frame) of each of {@code conns} in {@code (after, until]}, by connection id. */
    public static Map<String, TimelineEvent> firstCloses(List<TimelineEvent> events, Set<String> conns, long after,
                                                         long until) {
        Map<String, TimelineEvent> closes = new HashMap<>();
        for (TimelineEvent e : events) {
            if (e.monoNanos() > until) {
                break;
            }
            if (e.monoNanos() > after && isTap(e) && isClose(e) && conns.contains(e.str("conn"))) {
                closes.putIfAbsent(e.str("conn"), e);
            }
        }
        return closes;
    }

    private static boolean isTap(TimelineEvent e) {
        return e.source().equals(Sources.PROXY);
    }

    private static boolean isClose(TimelineEvent e) {
        return e.is(TapEvents.FIN) || e.is(TapEvents.RST) || e.is(TapEvents.WS_FRAME) && "close".equals(e.str("frame"));
    }
}
