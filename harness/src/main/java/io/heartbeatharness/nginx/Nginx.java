package io.heartbeatharness.nginx;

import io.heartbeatharness.process.Leftovers;
import io.heartbeatharness.process.ManagedProcess;
import io.heartbeatharness.process.RunMarker;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.Timeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real nginx process run by the harness: own prefix directory, generated config, loopback only, stopped (with its
 * worker) and its directory removed on {@link #close()}.
 */
public final class Nginx implements AutoCloseable {
    private final NginxConfig config;
    private final ManagedProcess process;

    private Nginx(NginxConfig config, ManagedProcess process) {
        this.config = config;
        this.process = process;
    }

    /** Why nginx cannot run here, or empty when it can. */
    public static Optional<String> unavailableReason() {
        return binary().isPresent() ? Optional.empty()
                : Optional.of("nginx is not installed (no nginx binary on PATH, /usr/sbin or /usr/local/sbin)");
    }

    static Optional<Path> binary() {
        Stream<Path> candidates = Stream.concat(
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(s -> !s.isEmpty()).map(Path::of),
                Stream.of(Path.of("/usr/sbin"), Path.of("/usr/local/sbin")));
        return candidates.map(dir -> dir.resolve("nginx")).filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts nginx in front of {@code upstreamPort} with the given idle timeout; returns once it accepts
     * connections. Its lifecycle events join {@code timeline} under the source name {@code nginx}.
     */
    public static Nginx start(int upstreamPort, Duration readTimeout, Timeline timeline) {
        Path nginx = binary().orElseThrow(() -> new IllegalStateException(unavailableReason().orElseThrow()));
        try {
            // Named after the run, so that a later run can tell this nginx and its directory as leftovers of a dead one.
            Path prefix = Files.createTempDirectory(RunMarker.current().name(Leftovers.NGINX_PREFIX) + "-");
            NginxConfig config = new NginxConfig(prefix, freePort(), upstreamPort, readTimeout);
            Path conf = prefix.resolve("nginx.conf");
            Files.writeString(conf, config.render());
            ManagedProcess process = ManagedProcess.start("nginx",
                    List.of(nginx.toString(), "-p", prefix.toString(), "-c", conf.toString(), "-e", prefix.resolve("error.log").toString()),
                    timeline);
            Nginx started = new Nginx(config, process);
            try {
                started.awaitListening(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                started.close();
                throw e;
            }
            timeline.record(Sources.HARNESS, HarnessEvents.NGINX_READY, "port", config.listenPort(), "read_timeout_ms", readTimeout.toMillis());
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("nginx: cannot prepare its directory: " + e.getMessage(), e);
        }
    }

    public int port() {
        return config.listenPort();
    }

    public NginxConfig config() {
        return config;
    }

    public ManagedProcess process() {
        return process;
    }

    private void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited during start-up: " + errorLogTail());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.listenPort()), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting nginx");
                }
            }
        }
        throw new IllegalStateException("nginx did not listen on port " + config.listenPort() + " within "
                + timeout.toMillis() + " ms: " + errorLogTail());
    }

    private String errorLogTail() {
        try {
            List<String> lines = Files.readAllLines(config.prefix().resolve("error.log"));
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return process.stderrTail();
        }
    }

    private static int freePort() throws IOException {
        // nginx needs its port in the config; the kernel picks a free one, released just before nginx binds it.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * SIGTERM to the master first: nginx then stops its workers itself (killing the master alone would orphan
     * them); whatever is still alive after that is killed.
     */
    @Override
    public void close() {
        ProcessHandle.of(process.pid()).ifPresent(master -> {
            List<ProcessHandle> workers = master.descendants().toList();
            master.destroy();
            try {
                master.onExit().get(3, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                // Killed below.
            }
            workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        });
        process.close();
        try (Stream<Path> files = Files.walk(config.prefix())) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: the directory lives under the system temp dir.
        }
    }
}
