package io.heartbeatharness.reference;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.process.JavaLauncher;
import io.heartbeatharness.process.ManagedProcess;
import io.heartbeatharness.time.TimeScale;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.Timeline;
import io.heartbeatharness.timeline.TimelineEvent;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reference servers and clients of one design as real processes, started the way the harness starts its peers
 * (ReferenceMain through {@link JavaLauncher}, events on one {@link Timeline}); {@link #close()} ends them all.
 */
public final class ReferenceProcesses implements AutoCloseable {
    /**
     * 0.1, as in CI runs: seed 000's 30 s + 5 s becomes 3 s + 0.5 s, short enough for a test and still far above
     * the tolerance.
     */
    public static final TimeScale SCALE = new TimeScale(0.1);
    /** A fresh JVM printing its first event; generous for a busy 2-core machine, and only a guard against hangs. */
    public static final Duration STARTUP = Duration.ofSeconds(20);

    private final Design design;
    private final List<String> prefix;
    private final HeartbeatParams params;
    private final Timeline timeline = new Timeline();
    private final Deque<ManagedProcess> started = new ArrayDeque<>();
    private int servers;
    private int clients;

    public ReferenceProcesses(Design design) {
        this(design, List.of());
    }

    /** @param prefix put in front of every command line, e.g. {@code ip netns exec NAME} */
    public ReferenceProcesses(Design design, List<String> prefix) {
        this.design = design;
        this.prefix = List.copyOf(prefix);
        this.params = design.declared().scaled(SCALE);
    }

    /** The design's declared parameters at {@link #SCALE}: what every process here is started with. */
    public HeartbeatParams params() {
        return params;
    }

    public Timeline timeline() {
        return timeline;
    }

    /** Starts a server on {@code port} (0 = any) and waits for its {@code listening} event. */
    public ManagedProcess server(int port, String... extra) {
        ManagedProcess server = start("server-" + ++servers, "server", port, extra);
        server.awaitEvent("listening event", e -> e.is(PeerEvents.LISTENING), STARTUP);
        return server;
    }

    public ManagedProcess client(int port, String... extra) {
        return start("client-" + ++clients, "client", port, extra);
    }

    public int portOf(ManagedProcess server) {
        return Integer.parseInt(listening(server).str("port"));
    }

    public TimelineEvent listening(ManagedProcess server) {
        return server.awaitEvent("listening event", e -> e.is(PeerEvents.LISTENING), STARTUP);
    }

    /** The first event of {@code process} named {@code type} at or after {@code afterNanos}, waiting up to {@code max}. */
    public TimelineEvent await(ManagedProcess process, String type, long afterNanos, Duration max) {
        return await(process, type, e -> e.is(type) && e.monoNanos() >= afterNanos, max);
    }

    public TimelineEvent await(ManagedProcess process, String what, Predicate<TimelineEvent> match, Duration max) {
        return process.awaitEvent(what, match, max);
    }

    public List<TimelineEvent> events(ManagedProcess process, String type) {
        return timeline.events(e -> e.source().equals(process.name()) && e.is(type));
    }

    private ManagedProcess start(String name, String role, int port, String... extra) {
        List<String> args = new ArrayList<>(List.of("--design", design.id(), "--role", role, "--port", Integer.toString(port)));
        args.addAll(HeartbeatArgs.flags(params, design.model().pings()));
        args.addAll(List.of(extra));
        List<String> command = new ArrayList<>(prefix);
        command.addAll(JavaLauncher.command(ReferenceMain.class.getName(), args));
        ManagedProcess process = ManagedProcess.start(name, command, timeline);
        started.push(process);
        return process;
    }

    public static long millisBetween(long fromNanos, long toNanos) {
        return Math.round((toNanos - fromNanos) / 1e6);
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }
}
