package io.heartbeatharness.proxy;

import io.heartbeatharness.proxy.control.ToxicSpec;
import io.heartbeatharness.proxy.toxics.BandwidthToxic;
import io.heartbeatharness.proxy.toxics.LatencyToxic;
import io.heartbeatharness.proxy.toxics.LimitDataToxic;
import io.heartbeatharness.proxy.toxics.ResetPeerToxic;
import io.heartbeatharness.proxy.toxics.SlicerToxic;
import io.heartbeatharness.proxy.toxics.SlowCloseToxic;
import io.heartbeatharness.proxy.toxics.TimeoutToxic;
import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TapEvents;
import io.heartbeatharness.timeline.Timeline;
import io.heartbeatharness.timeline.TimelineEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Toxiproxy's toxics on real loopback sockets, driven through the Java API. */
class ToxicsIT {
    private static final Duration DELAY = Duration.ofMillis(300);
    /** Slack for scheduling on a shared 2-core machine; lower bounds are exact, upper bounds add this. */
    private static final Duration SLACK = Duration.ofSeconds(3);

    private final Timeline tap = new Timeline();
    private EchoServer upstream;
    private EmbeddedProxy proxy;

    @BeforeEach
    void start() throws IOException {
        upstream = new EchoServer();
        proxy = EmbeddedProxy.start("toxics", upstream.address(), tap);
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        upstream.close();
    }

    private List<TimelineEvent> tapped(String type) {
        return tap.events(e -> e.source().equals(Sources.PROXY) && e.is(type));
    }

    private static Duration roundTrip(TestClient client, String text) throws IOException {
        long start = System.nanoTime();
        client.send(text);
        assertThat(client.receive(text.length())).isEqualTo(text);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void latencyOnEachStreamAddsToTheRoundTrip() throws Exception {
        proxy.addToxic("down", Direction.DOWNSTREAM, new LatencyToxic(DELAY.toMillis(), 0));
        proxy.addToxic("up", Direction.UPSTREAM, new LatencyToxic(DELAY.toMillis(), 0));
        try (TestClient client = new TestClient(proxy.port())) {
            assertThat(roundTrip(client, "ping")).isBetween(DELAY.multipliedBy(2), DELAY.multipliedBy(2).plus(SLACK));
        }
    }

    @Test
    void toxicsAddedLaterApplyToExistingConnectionsAndRemovalRestoresThem() throws Exception {
        try (TestClient client = new TestClient(proxy.port())) {
            roundTrip(client, "warm");
            Duration latency = DELAY.multipliedBy(3);
            proxy.addToxic(ToxicSpec.of(Direction.DOWNSTREAM, new LatencyToxic(latency.toMillis(), 0)));
            assertThat(roundTrip(client, "slow")).isGreaterThanOrEqualTo(latency);
            proxy.removeToxic("latency_downstream");
            assertThat(roundTrip(client, "fast")).isLessThan(latency);
        }
    }

    @Test
    void bandwidthLimitsTheRate() throws Exception {
        long rate = 100; // KB/s
        int bytes = 50_000;
        proxy.addToxic("bw", Direction.UPSTREAM, new BandwidthToxic(rate));
        try (TestClient client = new TestClient(proxy.port())) {
            long start = System.nanoTime();
            client.send(new byte[bytes]);
            client.receiveBytes(bytes);
            Duration expected = Duration.ofMillis(bytes / rate);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(expected.minusMillis(100), expected.plus(SLACK));
        }
    }

    @Test
    void slowCloseDelaysTheCloseTheServerSees() throws Exception {
        proxy.addToxic("sc", Direction.UPSTREAM, new SlowCloseToxic(DELAY.toMillis()));
        TestClient client = new TestClient(proxy.port());
        roundTrip(client, "bye");
        long closed = System.nanoTime();
        client.close();
        assertThat(upstream.nextEnding()).isEqualTo("eof");
        assertThat(Duration.ofNanos(System.nanoTime() - closed)).isBetween(DELAY, DELAY.plus(SLACK));
    }

    @Test
    void timeoutDropsBytesThenClosesBothSides() throws Exception {
        proxy.addToxic("to", Direction.UPSTREAM, new TimeoutToxic(DELAY.toMillis()));
        try (TestClient client = new TestClient(proxy.port())) {
            long start = System.nanoTime();
            client.send("into the void");
            assertThat(client.ending()).isEqualTo("eof");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(DELAY.minusMillis(50), DELAY.plus(SLACK));
            assertThat(upstream.nextEnding()).isEqualTo("eof");
            assertThat(upstream.bytesRead.get()).isZero();
        }
    }

    @Test
    void timeoutZeroHoldsTheConnectionOpenUntilItIsRemovedWhichClosesIt() throws Exception {
        proxy.addToxic("to", Direction.DOWNSTREAM, new TimeoutToxic(0));
        try (TestClient client = new TestClient(proxy.port())) {
            client.send("ping");
            assertThat(client.silentFor(DELAY.multipliedBy(2))).isTrue();
            proxy.removeToxic("to");
            assertThat(client.ending()).isEqualTo("eof");
            assertThat(upstream.nextEnding()).isEqualTo("eof");
        }
    }

    @Test
    void resetPeerResetsBothSocketsAfterTheTimeout() throws Exception {
        proxy.addToxic("rst", Direction.DOWNSTREAM, new ResetPeerToxic(DELAY.toMillis()));
        try (TestClient client = new TestClient(proxy.port())) {
            long start = System.nanoTime();
            client.send("request");
            assertThat(client.ending()).containsIgnoringCase("reset");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(DELAY.minusMillis(50), DELAY.plus(SLACK));
            assertThat(upstream.nextEnding()).containsIgnoringCase("reset");
        }
        assertThat(tapped(TapEvents.PROXY_CLOSE)).hasSize(2)
                .allSatisfy(e -> assertThat(e.data().get("rst")).isEqualTo(true));
    }

    @Test
    void limitDataPassesTheLimitThenClosesTheConnection() throws Exception {
        proxy.addToxic("limit", Direction.DOWNSTREAM, new LimitDataToxic(5));
        try (TestClient client = new TestClient(proxy.port())) {
            client.send("hello world");
            assertThat(client.receive(5)).isEqualTo("hello");
            assertThat(client.ending()).isEqualTo("eof");
        }
        assertThat(upstream.nextEnding()).isEqualTo("eof");
    }

    @Test
    void slicerDeliversEveryByteInOrder() throws Exception {
        proxy.addToxic("slices", Direction.UPSTREAM, new SlicerToxic(100, 50, 10));
        byte[] data = new byte[64 * 1024];
        new Random(7).nextBytes(data);
        try (TestClient client = new TestClient(proxy.port())) {
            client.send(data);
            assertThat(client.receiveBytes(data.length)).isEqualTo(data);
        }
    }

    @Test
    void removingAToxicMidStreamLosesAndReordersNothing() throws Exception {
        proxy.addToxic("hold", Direction.UPSTREAM, new BandwidthToxic(0));
        byte[] data = new byte[256 * 1024];
        new Random(11).nextBytes(data);
        try (TestClient client = new TestClient(proxy.port())) {
            Thread writer = new Thread(() -> {
                try {
                    client.send(data);
                } catch (IOException ignored) {
                    // the read below fails the test
                }
            });
            writer.start();
            Thread.sleep(DELAY.toMillis());
            assertThat(upstream.bytesRead.get()).isZero();
            proxy.removeToxic("hold");
            assertThat(client.receiveBytes(data.length)).isEqualTo(data);
            writer.join();
        }
    }

    @Test
    void toxicityZeroSparesEveryConnection() throws Exception {
        proxy.addToxic(new ToxicSpec("never", Direction.DOWNSTREAM, 0f, new LatencyToxic(DELAY.toMillis() * 10, 0)));
        for (int i = 0; i < 5; i++) {
            try (TestClient client = new TestClient(proxy.port())) {
                assertThat(roundTrip(client, "quick")).isLessThan(DELAY.multipliedBy(10));
            }
        }
    }

    @Test
    void disablingClosesTheListenerAndEveryConnectionAndEnablingReopensTheSamePort() throws Exception {
        int port = proxy.port();
        try (TestClient client = new TestClient(port)) {
            roundTrip(client, "up");
            proxy.disable();
            assertThat(client.ending()).isEqualTo("eof");
            assertThat(upstream.nextEnding()).isEqualTo("eof");
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        }
        proxy.enable();
        assertThat(proxy.port()).isEqualTo(port);
        try (TestClient client = new TestClient(port)) {
            roundTrip(client, "back");
        }
    }

    @Test
    void anUnreachableUpstreamClosesTheClientAndIsTapped() throws Exception {
        int dead;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            dead = socket.getLocalPort();
        }
        try (EmbeddedProxy nowhere = EmbeddedProxy.start("nowhere", "127.0.0.1:0", "127.0.0.1:" + dead,
                EmbeddedProxy.Options.DEFAULT.withTimeline(tap));
             TestClient client = new TestClient(nowhere.port())) {
            assertThat(client.ending()).isEqualTo("eof");
        }
        assertThat(tapped(TapEvents.CONNECT_FAILED)).hasSize(1);
    }

    @Test
    void aPeersResetIsTappedAsRstAndRelayedAsAClose() throws Exception {
        try (TestClient client = new TestClient(proxy.port())) {
            roundTrip(client, "x");
            Socket server = upstream.nextConnection();
            server.setSoLinger(true, 0);
            server.close();
            assertThat(client.ending()).isEqualTo("eof");
        }
        await("the tap records the server's RST").atMost(SLACK)
                .until(() -> tapped(TapEvents.RST).stream().anyMatch(e -> "server".equals(e.str("side"))));
        assertThat(tapped(TapEvents.FIN)).noneMatch(e -> "server".equals(e.str("side")));
    }
}
