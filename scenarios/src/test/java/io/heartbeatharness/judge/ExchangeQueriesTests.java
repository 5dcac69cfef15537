package io.heartbeatharness.judge;

import io.heartbeatharness.timeline.Direction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which heartbeat exchange a fault follows: a target that pings is hit right after its own ping was answered, not
 * after its counterpart's — or its real worst case is never exercised.
 */
class ExchangeQueriesTests {
    private final HandTimeline timeline = new HandTimeline();

    private void peerServerPingsAndClientTargetPings() {
        timeline.at(1, "proxy", "accept", "conn", "c1");
        // The peer server's own exchange: its ping down, the target's pong up.
        timeline.at(100, "peer", "ping-sent");
        timeline.at(101, "proxy", "bytes", "conn", "c1", "direction", "downstream", "bytes", 10, "dropped", false);
        timeline.at(102, "proxy", "bytes", "conn", "c1", "direction", "upstream", "bytes", 10, "dropped", false);
        timeline.at(103, "peer", "pong-received");
    }

    @Test
    void thePeersExchangeIsNotTheTargetsOwn() {
        peerServerPingsAndClientTargetPings();
        assertThat(TapQueries.peerExchanged(timeline.events(), 0)).isTrue();
        assertThat(TapQueries.targetExchanged(timeline.events(), 0, Direction.DOWNSTREAM)).isFalse();
    }

    @Test
    void theTargetsOwnExchangeEndsWhenThePongCrossesTowardIt() {
        peerServerPingsAndClientTargetPings();
        timeline.at(500, "proxy", "bytes", "conn", "c1", "direction", "upstream", "bytes", 10, "dropped", false);
        timeline.at(501, "peer", "ping-received");
        timeline.at(502, "peer", "pong-sent");
        assertThat(TapQueries.targetExchanged(timeline.events(), 200, Direction.DOWNSTREAM))
                .as("pong written but not yet through the proxy").isFalse();

        // The pong's bytes may be stamped before the peer's own pong-sent line.
        timeline.at(501, "proxy", "bytes", "conn", "c1", "direction", "downstream", "bytes", 10, "dropped", false);
        assertThat(TapQueries.targetExchanged(timeline.events(), 200, Direction.DOWNSTREAM)).isTrue();
    }

    @Test
    void aPongSwallowedByTheFaultCompletesNoExchange() {
        timeline.at(1, "proxy", "accept", "conn", "c1");
        timeline.at(501, "peer", "ping-received");
        timeline.at(502, "peer", "pong-sent");
        timeline.at(503, "proxy", "bytes", "conn", "c1", "direction", "downstream", "bytes", 10, "dropped", true);
        assertThat(TapQueries.targetExchanged(timeline.events(), 0, Direction.DOWNSTREAM)).isFalse();
    }
}
