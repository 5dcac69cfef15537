package io.heartbeatharness.proxy;

import io.heartbeatharness.proxy.control.ProxyFaults;
import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TapEvents;
import io.heartbeatharness.timeline.Timeline;
import io.heartbeatharness.timeline.TimelineEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The heartbeat faults Toxiproxy lacks, on real loopback sockets, driven through the Java API. */
class ProxyFaultsIT {
    /** Short enough for a quick test, long enough that a loaded 2-core CI box never mistakes traffic for silence. */
    private static final Duration IDLE = Duration.ofMillis(600);
    /** Slack for scheduling on a shared machine; every bound below is IDLE times a factor plus this. */
    private static final Duration SLACK = Duration.ofSeconds(3);

    private final Timeline tap = new Timeline();
    private EchoServer upstream;
    private EmbeddedProxy proxy;

    @BeforeEach
    void start() throws IOException {
        upstream = new EchoServer();
        proxy = EmbeddedProxy.start("faults", upstream.address(), tap);
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        upstream.close();
    }

    private List<TimelineEvent> tapped(String type) {
        return tap.events(e -> e.source().equals(Sources.PROXY) && e.is(type));
    }

    private void echoes(TestClient client, String text) throws IOException {
        client.send(text);
        assertThat(client.receive(text.length())).isEqualTo(text);
    }

    @Test
    void natIdleExpiryMakesLaterBytesVanishWhileNewConnectionsWork() throws Exception {
        proxy.natIdle(IDLE);
        try (TestClient client = new TestClient(proxy.port())) {
            echoes(client, "hello");
            await("the mapping expires after silence").atMost(IDLE.plus(SLACK))
                    .until(() -> !tapped(TapEvents.NAT_EXPIRED).isEmpty());
            long before = upstream.bytesRead.get();
            client.send("anyone there?");
            assertThat(client.silentFor(IDLE)).as("no echo and no close after expiry").isTrue();
            assertThat(upstream.bytesRead.get()).isEqualTo(before);
            assertThat(tapped(TapEvents.BYTES)).last().satisfies(e -> assertThat(e.data().get("dropped")).isEqualTo(true));
            try (TestClient fresh = new TestClient(proxy.port())) {
                echoes(fresh, "new mapping");
            }
        }
    }

    @Test
    void natIdleExpirySwallowsClosesForGood() throws Exception {
        proxy.natIdle(IDLE);
        TestClient client = new TestClient(proxy.port());
        echoes(client, "x");
        Socket server = upstream.nextConnection();
        await("the mapping expires").atMost(IDLE.plus(SLACK)).until(() -> !tapped(TapEvents.NAT_EXPIRED).isEmpty());
        client.close();
        assertThat(upstream.endings).isEmpty();
        await("the client's close never reaches the server").during(IDLE.multipliedBy(2)).atMost(SLACK.plus(IDLE.multipliedBy(2)))
                .until(() -> upstream.endings.isEmpty());
        proxy.natIdle(Duration.ZERO);
        await("turning the NAT off does not revive the mapping").during(IDLE).atMost(SLACK.plus(IDLE))
                .until(() -> upstream.endings.isEmpty());
    }

    @Test
    void natIdleSparesAConnectionThatTalksMoreOftenThanTheTimeout() throws Exception {
        proxy.natIdle(IDLE);
        try (TestClient client = new TestClient(proxy.port())) {
            long end = System.nanoTime() + IDLE.multipliedBy(3).toNanos();
            while (System.nanoTime() < end) {
                echoes(client, "beat");
                Thread.sleep(IDLE.toMillis() / 4);
            }
        }
        assertThat(tapped(TapEvents.NAT_EXPIRED)).isEmpty();
    }

    @Test
    void idleCloseClosesBothSidesAfterSilenceInBothDirections() throws Exception {
        proxy.idleClose(IDLE);
        try (TestClient client = new TestClient(proxy.port())) {
            echoes(client, "hi");
            long silentSince = System.nanoTime();
            assertThat(client.ending()).isEqualTo("eof");
            Duration observed = Duration.ofNanos(System.nanoTime() - silentSince);
            assertThat(observed).isBetween(IDLE.minusMillis(50), IDLE.plus(SLACK));
            assertThat(upstream.nextEnding()).isEqualTo("eof");
        }
        assertThat(tapped(TapEvents.PROXY_CLOSE)).extracting(e -> e.str("side")).containsExactlyInAnyOrder("client", "server");
        assertThat(tapped(TapEvents.PROXY_CLOSE)).allSatisfy(e -> assertThat(e.str("cause")).startsWith("idle-close"));
        assertThat(tapped(TapEvents.FIN)).isEmpty();
    }

    @Test
    void idleCloseIsHeldOffByTrafficInEitherDirectionAlone() throws Exception {
        upstream.silent();
        proxy.idleClose(IDLE);
        try (TestClient client = new TestClient(proxy.port())) {
            Socket server = upstream.nextConnection();
            long end = System.nanoTime() + IDLE.multipliedBy(2).toNanos();
            while (System.nanoTime() < end) {
                client.send("up");
                Thread.sleep(IDLE.toMillis() / 4);
            }
            end = System.nanoTime() + IDLE.multipliedBy(2).toNanos();
            while (System.nanoTime() < end) {
                server.getOutputStream().write("down".getBytes());
                assertThat(client.receive(4)).isEqualTo("down");
                Thread.sleep(IDLE.toMillis() / 4);
            }
            assertThat(tapped(TapEvents.PROXY_CLOSE)).isEmpty();
        }
    }

    @Test
    void aOneWayBlackholeDropsOnlyItsDirection() throws Exception {
        upstream.silent();
        try (TestClient client = new TestClient(proxy.port())) {
            Socket server = upstream.nextConnection();
            proxy.blackhole(Direction.UPSTREAM, true);
            client.send("lost");
            server.getOutputStream().write("kept".getBytes());
            assertThat(client.receive(4)).isEqualTo("kept");
            await("the dropped bytes are tapped").atMost(SLACK)
                    .until(() -> tapped(TapEvents.BYTES).stream().anyMatch(e -> Boolean.TRUE.equals(e.data().get("dropped"))));
            assertThat(upstream.bytesRead.get()).isZero();
            proxy.blackhole(Direction.UPSTREAM, false);
            client.send("found");
            await("bytes flow again once healed").atMost(SLACK).until(() -> upstream.bytesRead.get() == 5);
        }
    }

    @Test
    void faultsAreReportedAndClearedTogether() {
        proxy.natIdle(IDLE);
        proxy.idleClose(IDLE.multipliedBy(2));
        proxy.blackhole(Direction.DOWNSTREAM, true);
        assertThat(proxy.faults()).isEqualTo(new ProxyFaults(false, true, IDLE, IDLE.multipliedBy(2)));
        proxy.clearFaults();
        assertThat(proxy.faults()).isEqualTo(ProxyFaults.NONE);
        assertThat(proxy.toxics()).isEmpty();
    }
}
