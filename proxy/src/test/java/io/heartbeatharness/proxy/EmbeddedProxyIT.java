package io.heartbeatharness.proxy;

import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.timeline.TapEvents;
import io.heartbeatharness.timeline.Timeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmbeddedProxyIT {
    private ServerSocket upstream;
    private final AtomicReference<Socket> accepted = new AtomicReference<>();
    private final AtomicInteger upstreamBytes = new AtomicInteger();
    private final Timeline tap = new Timeline();
    private EmbeddedProxy proxy;

    @BeforeEach
    void startEchoUpstream() throws IOException {
        upstream = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread echo = new Thread(() -> {
            try (Socket socket = upstream.accept()) {
                accepted.set(socket);
                InputStream in = socket.getInputStream();
                byte[] buf = new byte[4096];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    upstreamBytes.addAndGet(n);
                    socket.getOutputStream().write(buf, 0, n);
                }
            } catch (IOException ignored) {
                // closed by the test
            }
        }, "echo-upstream");
        echo.setDaemon(true);
        echo.start();
        proxy = EmbeddedProxy.start("test", new InetSocketAddress("127.0.0.1", upstream.getLocalPort()), tap);
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        upstream.close();
    }

    private Socket connect() throws IOException {
        Socket client = new Socket("127.0.0.1", proxy.port());
        client.setSoTimeout(2000);
        await("upstream accepts the proxied connection").atMost(Duration.ofSeconds(5)).until(() -> accepted.get() != null);
        return client;
    }

    @Test
    void relaysBytesBothWaysAndTapsTheConnection() throws IOException {
        try (Socket client = connect()) {
            client.getOutputStream().write("hello".getBytes());
            byte[] back = client.getInputStream().readNBytes(5);
            assertThat(new String(back)).isEqualTo("hello");
        }
        await("tap records the client's FIN").atMost(Duration.ofSeconds(5))
                .until(() -> tap.any(e -> e.is(TapEvents.FIN) && "client".equals(e.str("side"))));
        assertThat(tap.events().stream().map(e -> e.type()).toList())
                .contains(TapEvents.ACCEPT, TapEvents.CONNECT, TapEvents.BYTES);
    }

    @Test
    void blackholeDropsBytesButKeepsBothSocketsOpen() throws IOException {
        try (Socket client = connect()) {
            proxy.blackhole(Direction.UPSTREAM, true);
            proxy.blackhole(Direction.DOWNSTREAM, true);
            client.getOutputStream().write("lost".getBytes());
            await("dropped bytes are tapped").atMost(Duration.ofSeconds(5))
                    .until(() -> tap.any(e -> e.is(TapEvents.BYTES) && Boolean.TRUE.equals(e.data().get("dropped"))));
            await("nothing reaches the upstream").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> upstreamBytes.get() == 0);
            assertThat(accepted.get().isClosed()).isFalse();
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void blackholeSwallowsTheUpstreamCloseUntilItIsHealed() throws IOException {
        try (Socket client = connect()) {
            proxy.blackhole(Direction.DOWNSTREAM, true);
            accepted.get().close();
            await("tap records the server's FIN").atMost(Duration.ofSeconds(5))
                    .until(() -> tap.any(e -> e.is(TapEvents.FIN) && "server".equals(e.str("side"))));
            client.setSoTimeout(300);
            try {
                int read = client.getInputStream().read();
                assertThat(read).as("the client must not see the close while the blackhole holds").isNotEqualTo(-1);
            } catch (SocketTimeoutException expected) {
                // Still open, as on a half-open link.
            }
            proxy.blackhole(Direction.DOWNSTREAM, false);
            client.setSoTimeout(2000);
            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void aCloseTheProxyRelaysIsNotTappedAsTheOtherSidesOwnFin() throws IOException {
        Socket client = connect();
        client.close();
        await("the proxy relays the close to the upstream").atMost(Duration.ofSeconds(5))
                .until(() -> tap.any(e -> e.is(TapEvents.PROXY_CLOSE) && "server".equals(e.str("side"))));
        await("no FIN is attributed to the server").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> !tap.any(e -> e.is(TapEvents.FIN) && "server".equals(e.str("side"))));
    }
}
