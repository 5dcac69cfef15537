package io.heartbeatharness.judge;

import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** On a path without a tap, TapQueries answers from the processes' own logs: a hand-written ws-json timeline. */
class ProcessLogQueriesTests {
    private static final long MS = 1_000_000;
    private final HandTimeline timeline = new HandTimeline();

    /** A ws-json server target and the peer client, connected through a path with no tap, one exchange done. */
    private void connectedThroughToxiproxy() {
        timeline.at(0, Sources.HARNESS, HarnessEvents.FAULT_PATH, "backend", "toxiproxy", "evidence", "process logs",
                "server", "target", "client", "peer", "handshake", "true");
        timeline.at(10, "target", "connected", "remote_port", "50001");
        timeline.at(12, "peer", "connected", "slot", "0", "local_port", "40001");
        timeline.at(3010, "target", "ping-sent", "remote_port", "50001");
        timeline.at(3012, "peer", "ping-received", "slot", "0", "local_port", "40001");
        timeline.at(3014, "target", "pong-received", "remote_port", "50001");
    }

    @Test
    void aConnectionIsOpenWhenBothProcessesHoldAnEndOfIt() {
        connectedThroughToxiproxy();
        assertThat(TapQueries.connectionOpenAt(timeline.events(), 5 * MS)).isEmpty();
        assertThat(TapQueries.connectionOpenAt(timeline.events(), 3020 * MS)).isPresent();
        assertThat(TapQueries.reconnectedAt(timeline.events(), null, Long.MIN_VALUE)).hasValue(12 * MS);
        assertThat(TapQueries.heartbeatExchanged(timeline.events())).isTrue();
        assertThat(TapQueries.heartbeatExchanged(timeline.events(), 3015 * MS)).isFalse();
    }

    @Test
    void onlyAProcessClosingItselfCountsAsItsDetection() {
        connectedThroughToxiproxy();
        String conn = TapQueries.connectionOpenAt(timeline.events(), 3020 * MS).orElseThrow();
        timeline.at(6520, "target", "closed", "remote_port", "50001", "code", "4000", "by", "self");
        timeline.at(6530, "peer", "closed", "slot", "0", "local_port", "40001", "by", "peer");
        assertThat(TapQueries.closeBy(timeline.events(), conn, Side.SERVER, 3020 * MS))
                .hasValueSatisfying(e -> assertThat(e.monoNanos()).isEqualTo(6520 * MS));
        assertThat(TapQueries.closeBy(timeline.events(), conn, Side.CLIENT, 3020 * MS)).as("closed only because its peer went")
                .isEmpty();
    }

    @Test
    void aServerThatNeverClosesHasNoDetectionEvenWhenTheHealEndsItsConnection() {
        connectedThroughToxiproxy();
        String conn = TapQueries.connectionOpenAt(timeline.events(), 3020 * MS).orElseThrow();
        timeline.at(9000, "target", "closed", "remote_port", "50001", "code", "1006", "by", "abnormal");
        assertThat(TapQueries.closeBy(timeline.events(), conn, Side.SERVER, 3020 * MS)).isEmpty();
    }

    @Test
    void aReconnectWorksWhenBothEndsOfANewConnectionHeardEachOther() {
        connectedThroughToxiproxy();
        String conn = TapQueries.connectionOpenAt(timeline.events(), 3020 * MS).orElseThrow();
        timeline.at(6520, "target", "closed", "remote_port", "50001", "by", "self");
        // The old end still hears a ping it had buffered: not a reconnect.
        timeline.at(7000, "peer", "ping-received", "slot", "0", "local_port", "40001");
        timeline.at(7001, "peer", "closed", "slot", "0", "local_port", "40001", "by", "peer");
        timeline.at(7500, "target", "connected", "remote_port", "50002");
        timeline.at(7503, "peer", "connected", "slot", "0", "local_port", "40002");
        assertThat(TapQueries.reconnectedAt(timeline.events(), conn, 6600 * MS)).hasValue(7503 * MS);
    }

    @Test
    void aTimelineWithTheTapDeclaredIsJudgedFromTheTapAlone() {
        timeline.at(0, Sources.HARNESS, HarnessEvents.FAULT_PATH, "backend", "embedded", "evidence", "proxy tap");
        timeline.at(10, "target", "connected", "remote_port", "50001");
        timeline.at(12, "peer", "connected", "slot", "0", "local_port", "40001");
        assertThat(TapQueries.connectionOpenAt(timeline.events(), 20 * MS)).as("no tap event, no connection").isEmpty();
    }

    @Test
    void stormReturnsArePerClientSlotFromItsOwnLog() {
        timeline.at(0, Sources.HARNESS, HarnessEvents.FAULT_PATH, "backend", "toxiproxy", "evidence", "process logs",
                "server", "peer", "client", "target", "handshake", "true");
        timeline.at(100, Sources.HARNESS, HarnessEvents.FAULT_START);
        timeline.at(200, "target", "connecting", "slot", "0", "attempt", 1);
        timeline.at(210, "target", "connecting", "slot", "1", "attempt", 1);
        timeline.at(900, "target", "connecting", "slot", "0", "attempt", 2);
        timeline.at(905, "target", "connected", "slot", "0", "local_port", "40010");
        timeline.at(1200, "target", "connecting", "slot", "1", "attempt", 2);
        timeline.at(1204, "target", "connected", "slot", "1", "local_port", "40011");
        List<StormQueries.Return> back = StormQueries.returnsSince(timeline.events(), 100 * MS);
        assertThat(back).containsExactly(new StormQueries.Return(900 * MS, 905 * MS),
                new StormQueries.Return(1200 * MS, 1204 * MS));
    }
}
