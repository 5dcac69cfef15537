package io.heartbeatharness.scenario;

import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.process.JavaLauncher;
import io.heartbeatharness.process.ManagedProcess;
import io.heartbeatharness.proxy.Direction;
import io.heartbeatharness.proxy.EmbeddedProxy;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TapEvents;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.reference.KnownBad;
import io.heartbeatharness.reference.ReferenceMain;
import io.heartbeatharness.scenario.backend.Backends;
import io.heartbeatharness.scenario.judge.TapQueries;
import io.heartbeatharness.scenario.backend.CellNetwork;
import io.heartbeatharness.scenario.backend.EmbeddedBackend;
import io.heartbeatharness.scenario.backend.FaultBackend;
import io.heartbeatharness.scenario.backend.FaultPath;
import io.heartbeatharness.time.Mono;
import io.heartbeatharness.time.TimeScale;
import io.heartbeatharness.timeline.Timeline;
import io.heartbeatharness.timeline.TimelineEvent;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The running state of one cell while its fault plan is driven: the timeline, the scaled parameters, and every
 * process and proxy started for it — all closed, in reverse order, when the cell ends, whatever happened.
 */
public final class CellContext implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";

    /**
     * How often waits look at the timeline. Only when a wait ends depends on it — every judged instant is the
     * event's own timestamp — so it can be coarse enough to stay cheap on storm timelines of tens of thousands.
     */
    private static final Duration POLL = Duration.ofMillis(20);

    private final Target target;
    private final HeartbeatParams params;
    private final Tolerance tolerance;
    private final TimeScale scale;
    private final Timeline timeline = new Timeline();
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private final FaultBackend backend;
    private final FaultPhase phase;
    private CellNetwork network;
    /** Ports of servers started by command: unlike the reference designs they print no {@code listening} event. */
    private final Map<ManagedProcess, Integer> commandPorts = new ConcurrentHashMap<>();

    /** Held from this cell's first process start until its connection works: see {@link CellAdmission#startProcesses()}. */
    private CellAdmission.Ticket starting;

    public CellContext(Target target, TimeScale scale, Tolerance tolerance) {
        this(target, scale, tolerance, Backends.embedded());
    }

    public CellContext(Target target, TimeScale scale, Tolerance tolerance, FaultBackend backend) {
        this(target, scale, tolerance, backend, FaultPhase.WORST);
    }

    public CellContext(Target target, TimeScale scale, Tolerance tolerance, FaultBackend backend, FaultPhase phase) {
        this.phase = phase;
        this.target = target;
        this.scale = scale;
        this.tolerance = tolerance;
        this.params = target.params().scaled(scale);
        this.backend = backend;
    }

    /** The backend that makes this cell's faults. */
    public FaultBackend backend() {
        return backend;
    }

    /** This cell's network on its backend, opened (and owned by the cell) on first use. */
    public synchronized CellNetwork network() {
        if (network == null) {
            network = own(backend.open(this));
        }
        return network;
    }

    /**
     * Refuses to go on unless this cell runs on the embedded proxy — for scenarios that need its tap or a
     * middlebox started on loopback; the cell is then UNSUPPORTED with {@code why}.
     */
    public void requireEmbedded(String why) {
        if (!EmbeddedBackend.ID.equals(backend.id())) {
            throw new UnsupportedFault("not on the " + backend.id() + " backend: " + why);
        }
    }

    public Target target() {
        return target;
    }

    /** The target's declared parameters multiplied by the time scale. */
    public HeartbeatParams params() {
        return params;
    }

    public Tolerance tolerance() {
        return tolerance;
    }

    public TimeScale scale() {
        return scale;
    }

    public Timeline timeline() {
        return timeline;
    }

    /** How long a process may take to print its readiness event before the cell is an ERROR. */
    public Duration startupTimeout() {
        return Duration.ofSeconds(20);
    }

    /** Starts the target as a server and returns its process once it listens; its port is {@link #portOf}. */
    public ManagedProcess startTargetServer() {
        return startServer(Sources.TARGET, target.launch());
    }

    /** Starts the target as a client connecting to {@code port}. */
    public ManagedProcess startTargetClient(int port, int connections) {
        return startClient(Sources.TARGET, target.launch(), LOOPBACK, port, connections, params);
    }

    /** Starts the harness's reference server speaking the target's protocol and parameters. */
    public ManagedProcess startPeerServer() {
        return startServer(Sources.PEER, new TargetLaunch.Reference(Design.parse(target.protocol()), Set.of()));
    }

    /** Starts the harness's reference client(s) speaking the target's protocol, connecting to {@code port}. */
    public ManagedProcess startPeerClient(int port, int connections) {
        return startClient(Sources.PEER, new TargetLaunch.Reference(Design.parse(target.protocol()), Set.of()), LOOPBACK, port,
                connections, params);
    }

    /**
     * Starts one more patient peer client process, named {@code name}, holding {@code connections} connections to
     * {@code port}: a fleet spreads its connections over several such processes so that one of them can be frozen.
     */
    public ManagedProcess startPeerClient(String name, int port, int connections) {
        holdStartup();
        TargetLaunch peer = new TargetLaunch.Reference(Design.parse(target.protocol()), Set.of());
        return own(ManagedProcess.start(name, command(peer, "client", LOOPBACK, port, connections, patientPeer()),
                timeline));
    }

    /**
     * Starts the target and the peer with the embedded proxy between them: the client side (target or peer,
     * {@code clients} connections) connects to the proxy, the proxy to the server.
     */
    public Wiring wire(int clients) {
        return wire(clients, UnaryOperator.identity(), IntUnaryOperator.identity());
    }

    /**
     * Like {@link #wire(int)}, with the peer running {@code peerParams} instead of the target's parameters, and
     * something started in front of the server ({@code inFrontOfServer} maps the server's port to the port the
     * proxy must forward to, e.g. a real nginx): {@code client → proxy → [middle →] server}.
     */
    public Wiring wire(int clients, UnaryOperator<HeartbeatParams> peerParams, IntUnaryOperator inFrontOfServer) {
        return wire(clients, peerParams, UnaryOperator.identity(), inFrontOfServer);
    }

    /**
     * Like {@link #wire(int, UnaryOperator, IntUnaryOperator)}, with the target itself started with
     * {@code targetParams} applied to its scaled parameters (through its placeholders, for a target started by
     * command): for a scenario that needs the target to heartbeat differently than it declares.
     */
    public Wiring wire(int clients, UnaryOperator<HeartbeatParams> peerParams, UnaryOperator<HeartbeatParams> targetParams,
                       IntUnaryOperator inFrontOfServer) {
        holdStartup();
        boolean targetIsServer = target.role() == Role.SERVER;
        TargetLaunch peer = new TargetLaunch.Reference(Design.parse(target.protocol()), Set.of());
        // A peer server whose figures the client takes from its handshake keeps the target's own: announcing a longer
        // timeout would lengthen the client's silence timer and fail a correct client.
        boolean announced = !targetIsServer && Protocols.serverAnnouncesHeartbeat(target.protocol());
        HeartbeatParams peerScaled = peerParams.apply(announced ? params : patientPeer());
        HeartbeatParams targetScaled = targetParams.apply(params);
        requireWholeSecondKeepAlive(targetScaled);
        if (target.clientKeepAlive() != null) {
            // MQTT 5: the client, target or peer, asks for its own Keep Alive; the broker answers with the interval.
            Duration asked = scale.apply(target.clientKeepAlive());
            requireWholeSecondKeepAlive(params.withInterval(asked));
            if (targetIsServer) {
                peerScaled = peerScaled.withInterval(asked);
            } else {
                targetScaled = targetScaled.withInterval(asked);
            }
        }
        if (targetIsServer && target.launch() instanceof TargetLaunch.Address address) {
            // Already running elsewhere: no process of the harness's own to start, freeze or kill.
            requireLoopbackPlacement();
            FaultPath path = network().path(inFrontOfServer.applyAsInt(address.port()));
            declareEvidence(path, true);
            InetSocketAddress to = path.clientAddress();
            ManagedProcess client = own(ManagedProcess.start(Sources.PEER, network().placeClient(
                    command(peer, "client", to.getHostString(), to.getPort(), clients, peerScaled)), timeline));
            endStartupOnceConnected();
            return new Wiring(path, null, client, address.port(), true);
        }
        ManagedProcess server = targetIsServer ? startServer(Sources.TARGET, target.launch(), 0, targetScaled)
                : startServer(Sources.PEER, peer, 0, peerScaled);
        int serverPort = portOf(server);
        FaultPath path = network().path(inFrontOfServer.applyAsInt(serverPort));
        declareEvidence(path, targetIsServer);
        InetSocketAddress to = path.clientAddress();
        ManagedProcess client = targetIsServer
                ? own(ManagedProcess.start(Sources.PEER, network().placeClient(
                        command(peer, "client", to.getHostString(), to.getPort(), clients, peerScaled)), timeline))
                : startClient(Sources.TARGET, target.launch(), to.getHostString(), to.getPort(), clients, targetScaled);
        endStartupOnceConnected();
        return new Wiring(path, server, client, serverPort, targetIsServer);
    }

    /**
     * MQTT's Keep Alive is whole seconds: a broker target is told K = its interval by the peer's CONNECT, so an interval
     * that scales to a fraction of a second would be rounded up, and the broker judged by a K it was never given.
     */
    private void requireWholeSecondKeepAlive(HeartbeatParams scaled) {
        if (Protocols.keepAliveInWholeSeconds(target.protocol()) && scaled.interval().toMillis() % 1000 != 0) {
            throw new UnsupportedFault(String.format("MQTT Keep Alive is whole seconds, and interval %d ms (the declared "
                    + "%d ms at scale %s) is not: declare an interval that scales to whole seconds, or run at another "
                    + "--scale", scaled.interval().toMillis(), target.params().interval().toMillis(), scale.factor()));
        }
    }

    /**
     * Says on the timeline what it will learn about connections from {@code path} — the judges read it there — and
     * refuses a path without a tap when the target writes no event log: there would be nothing to judge by.
     */
    private void declareEvidence(FaultPath path, boolean targetIsServer) {
        mark(HarnessEvents.FAULT_PATH, "backend", backend.id(),
                "evidence", path.evidence(), "server", targetIsServer ? Sources.TARGET : Sources.PEER,
                "client", targetIsServer ? Sources.PEER : Sources.TARGET,
                "handshake", Boolean.toString(Protocols.connectedAfterHandshake(target.protocol())),
                "model", target.model().describe());
        if (!path.tapped() && !target.writesEventLog()) {
            throw new UnsupportedFault("the " + backend.id() + " backend has no tap and " + target.name()
                    + " writes no event log: there is no evidence to judge by");
        }
    }

    /**
     * The peer pings (where its side does) at the target's rhythm but waits a whole interval longer before giving up
     * on the target: the harness's instrument must never race the target to declare the link dead, or the target's
     * own detection could not be observed — nor could a close by the peer tell the target in time for it.
     */
    HeartbeatParams patientPeer() {
        return params.withTimeout(params.timeout().plus(params.interval()));
    }

    /** Starts the wiring's server again on the port it had (after a kill), and returns the new process. */
    public ManagedProcess restartServer(Wiring wiring) {
        String name = wiring.targetIsServer() ? Sources.TARGET : Sources.PEER;
        TargetLaunch launch = wiring.targetIsServer() ? target.launch()
                : new TargetLaunch.Reference(Design.parse(target.protocol()), Set.of());
        return startServer(name, launch, wiring.serverPort(), params);
    }

    /**
     * Waits until a connection through the proxy works (bytes delivered both ways); a miss is a start-up problem
     * and makes the cell an ERROR.
     */
    public void awaitConnection() {
        try {
            require("working connection through the proxy", startupTimeout(),
                    events -> TapQueries.reconnectedAt(events, null, Long.MIN_VALUE).isPresent());
        } finally {
            releaseStartup();
        }
    }

    /**
     * Ends this cell's start-up turn once a connection is up (the proxy connected upstream, or a process logged
     * a connection): its JVMs have started by then. Waiting for the first bytes instead would keep the turn for up
     * to an interval where nothing is said before the first ping. Nothing is judged here: a target that never
     * connects is caught by what the scenario waits for next.
     */
    private void endStartupOnceConnected() {
        waitFor("a connection is up: start-up over", startupTimeout(), events -> events.stream().anyMatch(e ->
                (e.source().equals(Sources.PROXY) && e.is(TapEvents.CONNECT))
                        || e.is(PeerEvents.CONNECTED)));
        releaseStartup();
    }

    /** Waits, if another cell is starting its processes, until it is done; then this cell's turn lasts until
     * its connection works, its fault starts or it ends. */
    private void holdStartup() {
        synchronized (this) {
            if (starting != null) {
                return;
            }
        }
        // Waited for outside the monitor: nothing else of this cell is kept waiting on it meanwhile.
        CellAdmission.Ticket mine = CellAdmission.startProcesses();
        synchronized (this) {
            if (starting == null) {
                starting = mine;
                return;
            }
        }
        mine.close();
    }

    private synchronized void releaseStartup() {
        if (starting != null) {
            starting.close();
            starting = null;
        }
    }

    /**
     * Waits until the heartbeat exchange the target's detection runs from has completed through the proxy — its own
     * ping answered when it pings, else its counterpart's ping answered — so that with {@link FaultPhase#WORST} the
     * fault starts right after it and the target needs its whole budget; with {@link FaultPhase#RANDOM} a random
     * part of an interval passes first. A target that connects but exchanges no heartbeat within I + T + P
     * (+ tolerance) fails the cell: that is its own mistake.
     */
    public void awaitHeartbeatExchange() {
        awaitConnection();
        Duration allowed = params.interval().plus(params.timeout()).plus(params.sweepPeriod()).plus(tolerance.absolute());
        Direction towardTarget = target.role() == Role.SERVER ? Direction.UPSTREAM : Direction.DOWNSTREAM;
        // The connection has only just started working: an exchange already on the timeline is a fresh one.
        long since = Long.MIN_VALUE;
        boolean own = target.pings();
        if (!own) {
            if (!waitFor("a heartbeat exchanged through the proxy", allowed,
                    events -> TapQueries.peerExchanged(events, Long.MIN_VALUE)
                            || TapQueries.targetExchanged(events, Long.MIN_VALUE, towardTarget))) {
                throw new TargetFault("expected a heartbeat exchange within " + allowed.toMillis()
                        + " ms of connecting (I + T + P + tol), observed none");
            }
            // A target declared (or left by default) as one that only answers may still ping on its own timer; its
            // own pings are then what it is likeliest to time out on, so the fault must follow the next of those.
            own = TapQueries.targetPinged(timeline.events());
            since = Mono.now();
        }
        if (own) {
            long from = since;
            if (!waitFor("the target's own heartbeat answered through the proxy", allowed,
                    events -> TapQueries.targetExchanged(events, from, towardTarget))) {
                throw new TargetFault("expected the target's own ping answered within " + allowed.toMillis()
                        + " ms (I + T + P + tol), observed none");
            }
        }
        mark(HarnessEvents.PHASE, "after", own ? "the target's own exchange" : "the peer's exchange", "phase", phase.word(),
                "declared_pings", HeartbeatModel.word(target.model().pings()));
        if (phase == FaultPhase.RANDOM) {
            long offset = java.util.concurrent.ThreadLocalRandom.current().nextLong(Math.max(1, params.interval().toMillis()));
            mark(HarnessEvents.PHASE_OFFSET, "offset_ms", offset);
            sleep(Duration.ofMillis(offset));
        }
    }

    private ManagedProcess startServer(String name, TargetLaunch launch) {
        return startServer(name, launch, 0, params);
    }

    private ManagedProcess startServer(String name, TargetLaunch launch, int port, HeartbeatParams with) {
        holdStartup();
        if (launch instanceof TargetLaunch.Command command) {
            requireLoopbackPlacement();
            CommandTargets.Started started = CommandTargets.start(name, command, Role.SERVER, port, target.path(), with, timeline);
            commandPorts.put(own(started.process()), started.port());
            return started.process();
        }
        List<String> command = network().placeServer(command(launch, "server", network().serverHost(), port, 1, with));
        ManagedProcess process = own(ManagedProcess.start(name, command, timeline));
        process.awaitEvent("listening event", e -> e.is(PeerEvents.LISTENING), startupTimeout());
        return process;
    }

    private ManagedProcess startClient(String name, TargetLaunch launch, String host, int port, int connections,
                                       HeartbeatParams with) {
        holdStartup();
        if (launch instanceof TargetLaunch.Command command) {
            requireLoopbackPlacement();
            // A command target is one client with one connection: scenarios needing more do not apply to it.
            return own(CommandTargets.start(name, command, Role.CLIENT, port, target.path(), with, timeline).process());
        }
        return own(ManagedProcess.start(name,
                network().placeClient(command(launch, "client", host, port, connections, with)), timeline));
    }

    /**
     * Programs started by command run where the harness runs, on loopback; a backend that places the cell's processes
     * elsewhere (namespaces) cannot take them.
     */
    private void requireLoopbackPlacement() {
        if (!LOOPBACK.equals(network().serverHost())) {
            throw new UnsupportedFault("targets started by command run on loopback; the " + backend.id()
                    + " backend runs the cell's processes in network namespaces");
        }
    }

    /** The port a started server reported in its {@code listening} event (or was given, when started by command). */
    public int portOf(ManagedProcess server) {
        Integer chosen = commandPorts.get(server);
        if (chosen != null) {
            return chosen;
        }
        TimelineEvent listening = timeline.events(e -> e.source().equals(server.name()) && e.is(PeerEvents.LISTENING)).get(0);
        return Integer.parseInt(listening.str("port"));
    }

    /** An embedded proxy in front of {@code upstreamPort} on loopback, tapping into this cell's timeline. */
    public EmbeddedProxy proxy(int upstreamPort) {
        return own(EmbeddedProxy.start("cell", new InetSocketAddress("127.0.0.1", upstreamPort), timeline));
    }

    /** Writes a harness event (fault start and end, phases) to the timeline and returns its instant. */
    public long mark(String type, Object... keyValues) {
        if (HarnessEvents.FAULT_START.equals(type)) {
            releaseStartup();
        }
        return timeline.record(Sources.HARNESS, type, keyValues).monoNanos();
    }

    /**
     * Polls the timeline until {@code condition} holds or {@code max} passes; returns whether it held. Used for
     * evidence that will be judged afterwards, so a miss is not an exception here.
     */
    public boolean waitFor(String alias, Duration max, Predicate<List<TimelineEvent>> condition) {
        return waitFor(alias, max, POLL, condition);
    }

    /**
     * {@link #waitFor(String, Duration, Predicate)} with a poll interval of its own: storm-sized timelines are
     * looked at rarely, so copying them never stalls the proxy that is timestamping the very events being judged.
     */
    public boolean waitFor(String alias, Duration max, Duration poll, Predicate<List<TimelineEvent>> condition) {
        try {
            Awaitility.await(alias).atMost(max).pollDelay(Duration.ZERO).pollInterval(poll)
                    .until(() -> condition.test(timeline.events()));
            return true;
        } catch (ConditionTimeoutException missed) {
            // Not an error here: the check judges the timeline afterwards and names what was missing.
            return false;
        }
    }

    /**
     * Watches for {@code duration}, returning early (false) when {@code broken} becomes true — for expectations
     * such as "no false disconnect", judged afterwards from the timeline.
     */
    public boolean holdsFor(String alias, Duration duration, Predicate<List<TimelineEvent>> broken) {
        try {
            Awaitility.await(alias).during(duration).atMost(duration.plus(POLL.multipliedBy(20)))
                    .pollInterval(POLL).until(() -> !broken.test(timeline.events()));
            return true;
        } catch (ConditionTimeoutException brokenEarly) {
            return false;
        }
    }

    /** Like {@link #waitFor} but a miss is a harness failure: the cell becomes an ERROR naming {@code what}. */
    public void require(String what, Duration max, Predicate<List<TimelineEvent>> condition) {
        if (!waitFor(what, max, condition)) {
            throw new HarnessException("no " + what + " within " + max.toMillis() + " ms");
        }
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted");
        }
    }

    public <T extends AutoCloseable> T own(T resource) {
        synchronized (owned) {
            owned.push(resource);
        }
        return resource;
    }

    private List<String> command(TargetLaunch launch, String role, String host, int port, int connections,
                                 HeartbeatParams params) {
        if (!(launch instanceof TargetLaunch.Reference reference)) {
            throw new HarnessException("cannot start a target of kind " + launch.getClass().getSimpleName());
        }
        List<String> args = new ArrayList<>(List.of(
                "--design", reference.design().id(), "--role", role, "--host", host, "--port", Integer.toString(port),
                "--path", target.path(), "--connections", Integer.toString(connections)));
        args.addAll(HeartbeatArgs.flags(params, target.model().pings()));
        for (KnownBad flaw : reference.flaws()) {
            args.addAll(List.of("--flaw", flaw.flag()));
        }
        return JavaLauncher.command(ReferenceMain.class.getName(), args);
    }

    /**
     * Marks the start of teardown on the timeline, then stops everything: what the harness's own kills cause after the
     * mark (FINs, closes, exits) is never evidence ({@link CellRunner} judges only what came before it).
     */
    @Override
    public void close() {
        mark(HarnessEvents.TEARDOWN);
        releaseStartup();
        List<Throwable> problems = new ArrayList<>();
        while (true) {
            AutoCloseable next;
            synchronized (owned) {
                next = owned.poll();
            }
            if (next == null) {
                break;
            }
            try {
                next.close();
            } catch (Exception e) {
                problems.add(e);
            }
        }
        if (!problems.isEmpty()) {
            HarnessException failure = new HarnessException("clean-up failed: " + problems.get(0));
            problems.forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
