package io.heartbeatharness.backend.toxiproxy;

import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.toxiproxy.ToxiproxyContainer;
import org.testcontainers.utility.DockerImageName;

import eu.rekawek.toxiproxy.ToxiproxyClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

/**
 * A Toxiproxy server in a container started with Testcontainers, on the host's network ({@code --network host}):
 * its API and its proxies listen on the host's loopback and reach the cell's servers there, so no traffic leaves
 * loopback and no port needs mapping. (A container on Docker's bridge network cannot reach a port bound to the
 * host's 127.0.0.1; Testcontainers' {@code exposeHostPorts} would need a second image and a bridge address.)
 * Host networking needs a Docker engine on Linux, not Docker Desktop.
 */
final class ToxiproxyInDocker implements AutoCloseable {
    /** How long the container may take to answer on its API after starting. */
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final ToxiproxyContainer container;
    private final URI api;

    private ToxiproxyInDocker(ToxiproxyContainer container, URI api) {
        this.container = container;
        this.api = api;
    }

    static ToxiproxyInDocker start(String image) {
        int apiPort = freeLoopbackPort();
        URI api = URI.create("http://127.0.0.1:" + apiPort);
        ToxiproxyContainer container = new ToxiproxyContainer(DockerImageName.parse(image)
                .asCompatibleSubstituteFor("ghcr.io/shopify/toxiproxy"));
        container.setExposedPorts(java.util.List.of());
        container.withNetworkMode("host")
                .withCommand("-host=127.0.0.1", "-port=" + apiPort)
                .waitingFor(new AnswersOnApi(api))
                .withStartupTimeout(STARTUP);
        container.start();
        return new ToxiproxyInDocker(container, api);
    }

    URI api() {
        return api;
    }

    @Override
    public void close() {
        container.stop();
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port for Toxiproxy's API: " + e.getMessage(), e);
        }
    }

    /** Ready when {@code GET /version} answers on loopback (the mapped-port strategies do not apply on the host network). */
    private static final class AnswersOnApi extends AbstractWaitStrategy {
        private final URI api;

        AnswersOnApi(URI api) {
            this.api = api;
        }

        @Override
        protected void waitUntilReady() {
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            ToxiproxyClient client = new ToxiproxyClient(api.getHost(), api.getPort());
            while (true) {
                try {
                    client.version();
                    return;
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Toxiproxy did not answer at " + api + " within "
                                + startupTimeout.toSeconds() + " s: " + notYet.getMessage());
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Toxiproxy", e);
                }
            }
        }
    }
}
