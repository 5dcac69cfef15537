package io.heartbeatharness.cell;

import io.heartbeatharness.target.Placeholders;
import io.heartbeatharness.target.Readiness;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.target.TargetLaunch;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.process.ManagedProcess;
import io.heartbeatharness.process.StartedProgram;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.Timeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a {@link TargetLaunch.Command} target: placeholders filled with the port and the scaled parameters, its own
 * process group ({@link ManagedProcess}), then a wait for its declared readiness. A target that exits first or is not
 * ready in time is a {@link io.heartbeatharness.process.ProcessStartException} carrying its stderr tail.
 */
final class CommandTargets {
    /** Targets the harness starts listen and connect on loopback only. */
    static final String HOST = "127.0.0.1";
    /** How long one readiness probe of a server's port may take; loopback answers at once or refuses. */
    private static final int PROBE_MS = 200;

    private CommandTargets() {
    }

    /** A started target (a process or a container) and the port it serves on (servers) or connects to (clients). */
    record Started(StartedProgram process, int port) {
    }

    /**
     * Starts {@code launch}; a server gets {@code port} or, when it is 0, a free loopback port chosen here (the
     * program cannot report the one it got, so the harness picks it and passes it in).
     */
    static Started start(String name, TargetLaunch.Command launch, Side role, int port, String path,
                         HeartbeatParams scaled, Timeline timeline) {
        int chosen = portFor(role, port);
        Map<String, String> values = Placeholders.values(HOST, chosen, path, scaled);
        List<String> argv = new ArrayList<>();
        launch.command().forEach(arg -> argv.add(Placeholders.fill(arg, values)));
        Map<String, String> env = new LinkedHashMap<>();
        launch.env().forEach((key, value) -> env.put(key, Placeholders.fill(value, values)));
        ManagedProcess process = ManagedProcess.start(name, argv, env, launch.workdir().toFile(), timeline);
        try {
            awaitReady(process, launch.readiness(), chosen);
        } catch (RuntimeException notReady) {
            process.close();
            throw notReady;
        }
        timeline.record(Sources.HARNESS, HarnessEvents.TARGET_READY, "process", name, "port", chosen);
        return new Started(process, chosen);
    }

    /** Waits for {@code readiness}; a server's port is probed on loopback, where a container on the host network is too. */
    static void awaitReady(StartedProgram process, Readiness readiness, int port) {
        if (readiness instanceof Readiness.Port) {
            process.awaitReady("port " + port + " accepting connections", () -> accepts(port), readiness.timeout());
        } else if (readiness instanceof Readiness.LogLine line) {
            process.awaitLine("output line matching /" + line.pattern() + "/", line.pattern(), readiness.timeout());
        } else if (readiness instanceof Readiness.Delay delay) {
            long readyAt = System.nanoTime() + delay.delay().toNanos();
            process.awaitReady("readiness delay of " + delay.delay().toMillis() + " ms",
                    () -> System.nanoTime() >= readyAt, readiness.timeout());
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), PROBE_MS);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** {@code port}, or for a server given 0 a free loopback port the harness picks and passes in. */
    static int portFor(Side role, int port) {
        return role == Side.SERVER && port == 0 ? freePort() : port;
    }

    /** A loopback port free at this moment; another program could take it before the target binds it. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
