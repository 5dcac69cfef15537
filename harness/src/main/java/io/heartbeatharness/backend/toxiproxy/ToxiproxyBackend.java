package io.heartbeatharness.backend.toxiproxy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.heartbeatharness.verdict.HarnessException;
import io.heartbeatharness.backend.BackendCell;
import io.heartbeatharness.backend.CellNetwork;
import io.heartbeatharness.backend.FaultBackend;
import io.heartbeatharness.backend.FaultPath;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * Real Shopify Toxiproxy as the fault backend, driven only through its HTTP API (toxiproxy-java): a server at a URL
 * on this machine, or one started in a container with Testcontainers. Each cell gets a proxy of its own, removed when
 * the cell ends; faults map onto toxics only where the semantics match ({@link ToxiproxyPath}).
 */
public final class ToxiproxyBackend implements FaultBackend, AutoCloseable {
    public static final String ID = "toxiproxy";
    /** The current Toxiproxy release's image. */
    public static final String DEFAULT_IMAGE = "ghcr.io/shopify/toxiproxy:2.12.0";
    /** System property naming another image (checked first), then the environment variable. */
    public static final String IMAGE_PROPERTY = "heartbeat.toxiproxy.image";
    public static final String IMAGE_ENV = "HARNESS_TOXIPROXY_IMAGE";

    private final URI url;
    private final String image;
    private ToxiproxyInDocker container;

    private ToxiproxyBackend(URI url, String image) {
        this.url = url;
        this.image = image;
    }

    /** A Toxiproxy already running on this machine, e.g. {@code http://127.0.0.1:8474}. */
    public static ToxiproxyBackend atUrl(String url) {
        return new ToxiproxyBackend(ToxiproxyAddresses.apiUrl(url), null);
    }

    /** A Toxiproxy started from {@code image} (on the host's network) when the first cell needs it. */
    public static ToxiproxyBackend inContainer(String image) {
        return new ToxiproxyBackend(null, image);
    }

    /** In a container, from the image the system property or the environment names, or {@link #DEFAULT_IMAGE}. */
    public static ToxiproxyBackend fromEnvironment() {
        return inContainer(configuredImage());
    }

    public static String configuredImage() {
        String property = System.getProperty(IMAGE_PROPERTY);
        if (property != null && !property.isBlank()) {
            return property;
        }
        String env = System.getenv(IMAGE_ENV);
        return env != null && !env.isBlank() ? env : DEFAULT_IMAGE;
    }

    @Override
    public String id() {
        return ID;
    }

    /** Where the server is: {@code http://…} or {@code container <image>}. */
    public String where() {
        return url != null ? url.toString() : "container " + image;
    }

    @Override
    public Optional<String> unavailableReason() {
        if (url == null) {
            return DockerImages.unavailableReason(image).map(reason -> "Toxiproxy in a container: " + reason);
        }
        try {
            String version = new ToxiproxyClient(url.getHost(), url.getPort()).version();
            return version == null ? Optional.of("no Toxiproxy version at " + url) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("no Toxiproxy answers at " + url + ": " + e.getMessage());
        }
    }

    @Override
    public CellNetwork open(BackendCell cell) {
        ToxiproxyClient client = client();
        return new CellNetwork() {
            private Proxy proxy;

            @Override
            public synchronized FaultPath path(int serverPort) {
                String name = "heartbeat-" + UUID.randomUUID();
                try {
                    // Port 0: Toxiproxy picks a free loopback port and reports it as the proxy's listen address.
                    proxy = client.createProxy(name, "127.0.0.1:0", "127.0.0.1:" + serverPort);
                } catch (IOException e) {
                    throw new HarnessException("Toxiproxy at " + where() + " refused proxy " + name + ": " + e.getMessage());
                }
                return new ToxiproxyPath(proxy, cell);
            }

            @Override
            public synchronized void close() {
                if (proxy == null) {
                    return;
                }
                try {
                    proxy.delete();
                } catch (IOException e) {
                    throw new HarnessException("Toxiproxy could not remove proxy " + proxy.getName() + ": " + e.getMessage());
                }
            }
        };
    }

    private synchronized ToxiproxyClient client() {
        URI api = url;
        if (api == null) {
            if (container == null) {
                container = ToxiproxyInDocker.start(image);
                // The container must not outlive the run, however it ends short of the JVM being killed outright.
                Runtime.getRuntime().addShutdownHook(new Thread(this::close, "toxiproxy-container-stop"));
            }
            api = container.api();
        }
        return new ToxiproxyClient(api.getHost(), api.getPort());
    }

    /** Stops the container this backend started, if any; a server at a URL is left as it was. */
    @Override
    public synchronized void close() {
        if (container != null) {
            container.close();
            container = null;
        }
    }
}
