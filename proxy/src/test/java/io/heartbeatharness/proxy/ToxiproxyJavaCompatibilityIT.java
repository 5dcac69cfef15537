package io.heartbeatharness.proxy;

import io.heartbeatharness.proxy.control.ProxyFaults;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Bandwidth;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.LimitData;
import eu.rekawek.toxiproxy.model.toxic.ResetPeer;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import eu.rekawek.toxiproxy.model.toxic.SlowClose;
import eu.rekawek.toxiproxy.model.toxic.Timeout;
import io.heartbeatharness.timeline.Direction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded proxy driven only through {@code eu.rekawek.toxiproxy:toxiproxy-java}, the client Testcontainers
 * users already have: every endpoint and toxic it can reach, error cases included, must answer as Toxiproxy
 * 2.12 answers. (Only the server's start and the heartbeat faults, which the client cannot express, use this
 * project's Java API.)
 */
class ToxiproxyJavaCompatibilityIT {
    private static final Duration DELAY = Duration.ofMillis(300);
    private static final Duration SLACK = Duration.ofSeconds(3);

    private EchoServer upstream;
    private ProxyServer server;
    private ToxiproxyClient client;

    @BeforeEach
    void start() throws IOException {
        upstream = new EchoServer();
        server = ProxyServer.start("127.0.0.1", 0);
        client = new ToxiproxyClient("127.0.0.1", server.port());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        upstream.close();
    }

    private Proxy echoProxy(String name) throws IOException {
        return client.createProxy(name, "127.0.0.1:0", upstream.hostPort());
    }

    private static int port(Proxy proxy) {
        return Integer.parseInt(proxy.getListen().substring(proxy.getListen().lastIndexOf(':') + 1));
    }

    private static Duration roundTrip(Proxy proxy, String text) throws IOException {
        try (TestClient connection = new TestClient(port(proxy))) {
            long start = System.nanoTime();
            connection.send(text);
            assertThat(connection.receive(text.length())).isEqualTo(text);
            return Duration.ofNanos(System.nanoTime() - start);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /* ------------------------------------------------------------------ server and proxies */

    @Test
    void versionIsToxiproxys() throws IOException {
        assertThat(client.version()).isEqualTo("{\"version\": \"2.12.0\"}");
    }

    @Test
    void createdProxyReportsItsBoundAddressAndRelays() throws IOException {
        Proxy proxy = echoProxy("echo");
        assertThat(proxy.getName()).isEqualTo("echo");
        assertThat(proxy.getListen()).matches("127\\.0\\.0\\.1:\\d+").isNotEqualTo("127.0.0.1:0");
        assertThat(proxy.getUpstream()).isEqualTo(upstream.hostPort());
        assertThat(proxy.isEnabled()).isTrue();
        roundTrip(proxy, "through toxiproxy-java");
    }

    @Test
    void proxiesAreListedAndFetchedByName() throws IOException {
        echoProxy("b");
        echoProxy("a");
        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("a", "b");
        assertThat(client.getProxy("a").getUpstream()).isEqualTo(upstream.hostPort());
        assertThat(client.getProxyOrNull("nope")).isNull();
    }

    @Test
    void anUnknownProxyIsNotFound() {
        assertThatThrownBy(() -> client.getProxy("nope")).isInstanceOf(IOException.class)
                .hasMessage("[404] proxy not found");
    }

    @Test
    void aDuplicateNameConflicts() throws IOException {
        echoProxy("dup");
        assertThatThrownBy(() -> echoProxy("dup")).hasMessage("[409] proxy already exists");
    }

    @Test
    void aListenPortInUseIsAServerErrorAndCreatesNothing() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String listen = "127.0.0.1:" + taken.getLocalPort();
            assertThatThrownBy(() -> client.createProxy("clash", listen, upstream.hostPort()))
                    .hasMessage("[500] listen tcp " + listen + ": bind: address already in use");
        }
        assertThat(client.getProxyOrNull("clash")).isNull();
        assertThat(client.getProxies()).isEmpty();
    }

    @Test
    void listenAndUpstreamCanBeChanged() throws IOException {
        Proxy proxy = echoProxy("moving");
        int newPort = freePort();
        proxy.setListen("127.0.0.1:" + newPort);
        assertThat(proxy.getListen()).isEqualTo("127.0.0.1:" + newPort);
        roundTrip(proxy, "moved");
        try (EchoServer other = new EchoServer()) {
            proxy.setUpstream(other.hostPort());
            assertThat(proxy.getUpstream()).isEqualTo(other.hostPort());
            roundTrip(proxy, "rerouted");
            assertThat(other.bytesRead.get()).isEqualTo("rerouted".length());
        }
    }

    @Test
    void disableClosesTheListenerAndConnectionsAndEnableRestoresIt() throws Exception {
        Proxy proxy = echoProxy("switch");
        int port = port(proxy);
        try (TestClient connection = new TestClient(port)) {
            connection.send("x");
            connection.receive(1);
            proxy.disable();
            assertThat(proxy.isEnabled()).isFalse();
            assertThat(connection.ending()).isEqualTo("eof");
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        proxy.enable();
        assertThat(proxy.isEnabled()).isTrue();
        roundTrip(proxy, "again");
    }

    @Test
    void deleteFreesThePort() throws IOException {
        Proxy proxy = echoProxy("gone");
        int port = port(proxy);
        proxy.delete();
        assertThat(client.getProxyOrNull("gone")).isNull();
        assertThatThrownBy(proxy::delete).isInstanceOf(IOException.class);
        try (ServerSocket rebound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(rebound.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void resetEnablesEveryProxyAndRemovesEveryToxic() throws IOException {
        Proxy proxy = echoProxy("r");
        proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 1000);
        proxy.disable();
        client.reset();
        assertThat(proxy.isEnabled()).isTrue();
        assertThat(proxy.toxics().getAll()).isEmpty();
        assertThat(roundTrip(proxy, "clean")).isLessThan(Duration.ofMillis(1000));
    }

    /* ------------------------------------------------------------------ toxics */

    @Test
    void everyToxicIsCreatedListedAndReadBackWithAllItsAttributes() throws IOException {
        Proxy proxy = echoProxy("all");
        proxy.toxics().latency("latency", ToxicDirection.DOWNSTREAM, 10).setJitter(3);
        proxy.toxics().bandwidth("bandwidth", ToxicDirection.UPSTREAM, 1000);
        proxy.toxics().slowClose("slow_close", ToxicDirection.DOWNSTREAM, 20);
        proxy.toxics().timeout("timeout", ToxicDirection.UPSTREAM, 30);
        proxy.toxics().resetPeer("reset_peer", ToxicDirection.DOWNSTREAM, 40);
        proxy.toxics().slicer("slicer", ToxicDirection.UPSTREAM, 50, 60).setSizeVariation(5);
        proxy.toxics().limitData("limit_data", ToxicDirection.DOWNSTREAM, 70);

        List<? extends Toxic> all = proxy.toxics().getAll();
        assertThat(all).extracting(Toxic::getName).containsExactly(
                "bandwidth", "timeout", "slicer", "latency", "slow_close", "reset_peer", "limit_data");
        assertThat(all).extracting(Toxic::getToxicity).containsOnly(1f);

        Latency latency = proxy.toxics().get("latency", Latency.class);
        assertThat(latency.getLatency()).isEqualTo(10);
        assertThat(latency.getJitter()).isEqualTo(3);
        assertThat(latency.getStream()).isEqualTo(ToxicDirection.DOWNSTREAM);
        assertThat(proxy.toxics().get("bandwidth", Bandwidth.class).getRate()).isEqualTo(1000);
        assertThat(proxy.toxics().get("bandwidth", Bandwidth.class).getStream()).isEqualTo(ToxicDirection.UPSTREAM);
        assertThat(proxy.toxics().get("slow_close", SlowClose.class).getDelay()).isEqualTo(20);
        assertThat(proxy.toxics().get("timeout", Timeout.class).getTimeout()).isEqualTo(30);
        assertThat(proxy.toxics().get("reset_peer", ResetPeer.class).getTimeout()).isEqualTo(40);
        Slicer slicer = proxy.toxics().get("slicer", Slicer.class);
        assertThat(slicer.getAverageSize()).isEqualTo(50);
        assertThat(slicer.getSizeVariation()).isEqualTo(5);
        assertThat(slicer.getDelay()).isEqualTo(60);
        assertThat(proxy.toxics().get("limit_data", LimitData.class).getBytes()).isEqualTo(70);
    }

    @Test
    void updatesChangeOneAttributeAndKeepTheOthers() throws IOException {
        Proxy proxy = echoProxy("upd");
        Latency latency = proxy.toxics().latency("lat", ToxicDirection.UPSTREAM, 100).setJitter(7);
        latency.setLatency(200);
        assertThat(latency.getLatency()).isEqualTo(200);
        assertThat(latency.getJitter()).isEqualTo(7);
        latency.setToxicity(0.5f);
        assertThat(latency.getToxicity()).isEqualTo(0.5f);
        Latency fetched = proxy.toxics().get("lat", Latency.class);
        assertThat(fetched.getLatency()).isEqualTo(200);
        assertThat(fetched.getToxicity()).isEqualTo(0.5f);
        proxy.toxics().bandwidth("bw", ToxicDirection.DOWNSTREAM, 1).setRate(2);
        proxy.toxics().slowClose("sc", ToxicDirection.DOWNSTREAM, 1).setDelay(2);
        proxy.toxics().timeout("to", ToxicDirection.DOWNSTREAM, 1).setTimeout(2);
        proxy.toxics().resetPeer("rp", ToxicDirection.DOWNSTREAM, 1).setTimeout(2);
        proxy.toxics().limitData("ld", ToxicDirection.DOWNSTREAM, 1).setBytes(2);
        proxy.toxics().slicer("sl", ToxicDirection.DOWNSTREAM, 1, 1).setAverageSize(2).setDelay(2);
        assertThat(proxy.toxics().get("bw", Bandwidth.class).getRate()).isEqualTo(2);
        assertThat(proxy.toxics().get("sc", SlowClose.class).getDelay()).isEqualTo(2);
        assertThat(proxy.toxics().get("to", Timeout.class).getTimeout()).isEqualTo(2);
        assertThat(proxy.toxics().get("rp", ResetPeer.class).getTimeout()).isEqualTo(2);
        assertThat(proxy.toxics().get("ld", LimitData.class).getBytes()).isEqualTo(2);
        assertThat(proxy.toxics().get("sl", Slicer.class).getAverageSize()).isEqualTo(2);
        assertThat(proxy.toxics().get("sl", Slicer.class).getDelay()).isEqualTo(2);
    }

    @Test
    void toxicErrorsAreToxiproxysStatusesAndMessages() throws IOException {
        Proxy proxy = echoProxy("errs");
        proxy.toxics().latency("same", ToxicDirection.DOWNSTREAM, 1);
        assertThatThrownBy(() -> proxy.toxics().latency("same", ToxicDirection.UPSTREAM, 1))
                .hasMessage("[409] toxic already exists");
        assertThatThrownBy(() -> proxy.toxics().get("missing")).isInstanceOf(IOException.class);
        Latency latency = proxy.toxics().get("same", Latency.class);
        latency.remove();
        assertThatThrownBy(() -> latency.setLatency(5)).hasMessage("[404] toxic not found");
        assertThatThrownBy(latency::remove).isInstanceOf(IOException.class);
        assertThat(proxy.toxics().getAll()).isEmpty();
    }

    @Test
    void negativeAttributesAreAcceptedAndEchoedAsToxiproxyDoes() throws IOException {
        Proxy proxy = echoProxy("neg");
        Latency latency = proxy.toxics().latency("neg", ToxicDirection.DOWNSTREAM, -5);
        assertThat(latency.getLatency()).isEqualTo(-5);
        roundTrip(proxy, "still relays");
    }

    @Test
    void latencyDelaysTheRoundTrip() throws IOException {
        Proxy proxy = echoProxy("slow");
        proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, DELAY.toMillis());
        assertThat(roundTrip(proxy, "ping")).isBetween(DELAY, DELAY.plus(SLACK));
    }

    @Test
    void bandwidthSlowsTheTransfer() throws IOException {
        Proxy proxy = echoProxy("bw");
        proxy.toxics().bandwidth("bw", ToxicDirection.DOWNSTREAM, 100);
        try (TestClient connection = new TestClient(port(proxy))) {
            long start = System.nanoTime();
            connection.send(new byte[30_000]);
            connection.receiveBytes(30_000);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
    }

    @Test
    void timeoutClosesAndRemovingAnEndlessOneClosesToo() throws Exception {
        Proxy proxy = echoProxy("to");
        Timeout timeout = proxy.toxics().timeout("to", ToxicDirection.UPSTREAM, DELAY.toMillis());
        try (TestClient connection = new TestClient(port(proxy))) {
            connection.send("x");
            assertThat(connection.ending()).isEqualTo("eof");
        }
        timeout.setTimeout(0);
        try (TestClient connection = new TestClient(port(proxy))) {
            connection.send("x");
            assertThat(connection.silentFor(DELAY)).isTrue();
            timeout.remove();
            assertThat(connection.ending()).isEqualTo("eof");
        }
    }

    @Test
    void resetPeerResetsTheConnection() throws Exception {
        Proxy proxy = echoProxy("rst");
        proxy.toxics().resetPeer("rst", ToxicDirection.UPSTREAM, 0);
        try (TestClient connection = new TestClient(port(proxy))) {
            connection.send("x");
            assertThat(connection.ending()).containsIgnoringCase("reset");
        }
    }

    @Test
    void limitDataCutsTheStream() throws Exception {
        Proxy proxy = echoProxy("limit");
        proxy.toxics().limitData("limit", ToxicDirection.DOWNSTREAM, 3);
        try (TestClient connection = new TestClient(port(proxy))) {
            connection.send("abcdef");
            assertThat(connection.receive(3)).isEqualTo("abc");
            assertThat(connection.ending()).isEqualTo("eof");
        }
    }

    @Test
    void slicerAndSlowCloseKeepTheBytesIntact() throws Exception {
        Proxy proxy = echoProxy("keep");
        proxy.toxics().slicer("sl", ToxicDirection.DOWNSTREAM, 3, 100);
        proxy.toxics().slowClose("sc", ToxicDirection.DOWNSTREAM, 50);
        assertThat(roundTrip(proxy, "intact payload")).isLessThan(SLACK);
    }

    /* ------------------------------------------------------------------ the extension stays out of its way */

    @Test
    void heartbeatFaultsNeverAppearWhereTheClientLooks() throws IOException {
        Proxy proxy = echoProxy("faulty");
        proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 1);
        EmbeddedProxy embedded = server.proxy("faulty");
        embedded.natIdle(Duration.ofMinutes(5));
        embedded.idleClose(Duration.ofMinutes(5));
        embedded.blackhole(Direction.UPSTREAM, true);
        assertThat(proxy.toxics().getAll()).extracting(Toxic::getName).containsExactly("lat");
        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("faulty");
        client.reset();
        assertThat(embedded.faults()).isEqualTo(ProxyFaults.NONE);
    }
}
