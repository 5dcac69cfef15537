package io.heartbeatharness.cell;

import io.heartbeatharness.budget.PlannedBudgets;
import io.heartbeatharness.backend.UnsupportedFault;
import io.heartbeatharness.fault.Wiring;
import io.heartbeatharness.run.CellRunner;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.verdict.HarnessException;
import io.heartbeatharness.budget.Budget;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.process.ManagedProcess;
import io.heartbeatharness.process.StartedProgram;
import io.heartbeatharness.proxy.EmbeddedProxy;
import io.heartbeatharness.backend.BackendCell;
import io.heartbeatharness.backend.CellNetwork;
import io.heartbeatharness.backend.EmbeddedBackend;
import io.heartbeatharness.backend.FaultBackend;
import io.heartbeatharness.backend.FaultPath;
import io.heartbeatharness.fault.ActiveFault;
import io.heartbeatharness.fault.Fault;
import io.heartbeatharness.fault.FaultSite;
import io.heartbeatharness.time.TimeScale;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.Timeline;
import io.heartbeatharness.timeline.TimelineEvent;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The running state of one cell while its fault plan is driven: the timeline, the scaled parameters, and every
 * process and proxy started for it — all closed, in reverse order, when the cell ends, whatever happened. What a
 * scenario asks of it is done by {@link Topology} (who runs where), {@link CellProcesses} (starting them),
 * {@link PhasePlacement} (when the fault may start), {@link CellWaits} (watching the timeline) and {@link Fault}s
 * made through {@link #inject}.
 */
public final class CellContext implements AutoCloseable, BackendCell {
    private final Target target;
    private final HeartbeatParams params;
    private final Tolerance tolerance;
    private final TimeScale scale;
    private final Timeline timeline = new Timeline();
    private final FaultBackend backend;
    private final CellResources resources = new CellResources();
    private final StartupTurn turn = new StartupTurn();
    private final CellWaits waits = new CellWaits(timeline);
    private final CellProcesses processes;
    private final Topology topology;
    private final PhasePlacement placement;
    private CellNetwork network;
    private FaultPath path;

    public CellContext(Target target, TimeScale scale, Tolerance tolerance, FaultBackend backend, FaultPhase phase) {
        this.target = target;
        this.scale = scale;
        this.tolerance = tolerance;
        this.params = target.params().scaled(scale);
        this.backend = backend;
        this.processes = new CellProcesses(target, timeline, resources, turn, this::network, backend.id());
        this.topology = new Topology(target, params, scale, backend.id(), this::network, processes, waits, turn, timeline);
        this.placement = new PhasePlacement(target, params, tolerance, phase, waits, turn, timeline);
    }

    /** The backend that makes this cell's faults. */
    public FaultBackend backend() {
        return backend;
    }

    /** This cell's network on its backend, opened (and owned by the cell) on first use. */
    private synchronized CellNetwork network() {
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
    @Override
    public Duration startupTimeout() {
        return CellProcesses.STARTUP_TIMEOUT;
    }

    /** Starts the target as a server and returns its process once it listens; its port is {@link #portOf}. */
    public StartedProgram startTargetServer() {
        return processes.server(Sources.TARGET, target.launch(), 0, params);
    }

    /**
     * Starts one more patient peer client process, named {@code name}, holding {@code connections} connections to
     * {@code port}: a fleet spreads its connections over several such processes so that one of them can be frozen.
     */
    public ManagedProcess startPeerClient(String name, int port, int connections) {
        return processes.loopbackPeerClient(name, port, connections, topology.patientPeer());
    }

    /**
     * Starts the target and the peer with the cell's fault path between them: the client side (target or peer,
     * {@code clients} connections) connects to the path, the path to the server.
     */
    public Wiring wire(int clients) {
        return wire(clients, UnaryOperator.identity(), UnaryOperator.identity(), IntUnaryOperator.identity());
    }

    /**
     * Like {@link #wire(int)}, with the peer running {@code peerParams} instead of its usual parameters, and
     * something started in front of the server ({@code inFrontOfServer} maps the server's port to the port the path
     * must forward to, e.g. a real nginx): {@code client → path → [middle →] server}.
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
        Wiring wiring = topology.wire(clients, peerParams, targetParams, inFrontOfServer);
        path = wiring.path();
        return wiring;
    }

    /** Starts the wiring's server again on the port it had (after a kill), and returns the new process. */
    public StartedProgram restartServer(Wiring wiring) {
        return topology.restartServer(wiring);
    }

    /** Waits until a connection through the fault path works; a miss makes the cell an ERROR. */
    public void awaitConnection() {
        placement.awaitConnection();
    }

    /**
     * Waits until a connection works and the heartbeat exchange the target detects from has completed, then lets
     * the cell's {@link FaultPhase} pass: the fault may start on return (see {@link PhasePlacement}).
     */
    public void awaitHeartbeatExchange() {
        placement.awaitHeartbeatExchange();
    }

    /** The port a started server reported in its {@code listening} event (or was given, when started by command). */
    public int portOf(StartedProgram server) {
        return processes.portOf(server);
    }

    /** An embedded proxy in front of {@code upstreamPort} on loopback, tapping into this cell's timeline. */
    @Override
    public EmbeddedProxy proxy(int upstreamPort) {
        return own(EmbeddedProxy.start("cell", new InetSocketAddress(CellProcesses.LOOPBACK, upstreamPort), timeline));
    }

    /**
     * Makes {@code fault} — through the fault path the last {@link #wire} put between client and server, or on its
     * process — and records its start; the returned {@link ActiveFault} heals it and records its end. A fault the
     * backend cannot make throws {@link UnsupportedFault}.
     */
    public ActiveFault inject(Fault fault) {
        return ActiveFault.inject(fault, new Site());
    }

    /** Writes a harness event (phases, a backend's own notes) and returns its instant; faults record theirs. */
    @Override
    public long mark(String type, Object... keyValues) {
        if (HarnessEvents.FAULT_START.equals(type) || HarnessEvents.FAULT_END.equals(type)) {
            throw new IllegalArgumentException(type + " is recorded by the fault itself: use inject(Fault)");
        }
        return record(type, keyValues);
    }

    private long record(String type, Object... keyValues) {
        if (HarnessEvents.FAULT_START.equals(type)) {
            turn.release();
        }
        return timeline.record(Sources.HARNESS, type, keyValues).monoNanos();
    }

    /** The budget recorded under {@code name}: the plan's, or one {@link #recordBudget} stated since. */
    public Budget budget(String name) {
        return PlannedBudgets.recorded(timeline.events()).get(name);
    }

    /** Records {@code budget} under {@code name} for the waits and the judge, and returns it. */
    public Budget recordBudget(String name, Budget budget) {
        record(HarnessEvents.BUDGET, PlannedBudgets.eventData(name, budget));
        return budget;
    }

    /** Polls the timeline until {@code condition} holds or {@code max} passes; returns whether it held. */
    public boolean waitFor(String alias, Duration max, Predicate<List<TimelineEvent>> condition) {
        return waits.waitFor(alias, max, condition);
    }

    /** {@link #waitFor(String, Duration, Predicate)} looking at the timeline every {@code poll}, for storm-sized ones. */
    public boolean waitFor(String alias, Duration max, Duration poll, Predicate<List<TimelineEvent>> condition) {
        return waits.waitFor(alias, max, poll, condition);
    }

    /**
     * {@link #waitFor(String, Duration, Duration, Predicate)} shown only the events of {@code types}: a fleet's
     * timeline holds hundreds of thousands of heartbeats, which the condition would decode on every poll for nothing.
     */
    public boolean waitFor(String alias, Duration max, Duration poll, Set<String> types,
                           Predicate<List<TimelineEvent>> condition) {
        return waits.waitFor(alias, max, poll, types, condition);
    }

    /** Watches for {@code duration}, returning early (false) when {@code broken} becomes true. */
    public boolean holdsFor(String alias, Duration duration, Predicate<List<TimelineEvent>> broken) {
        return waits.holdsFor(alias, duration, broken);
    }

    /** Like {@link #waitFor} but a miss is a harness failure: the cell becomes an ERROR naming {@code what}. */
    @Override
    public void require(String what, Duration max, Predicate<List<TimelineEvent>> condition) {
        waits.require(what, max, condition);
    }

    /** Sleeps for {@code duration}; an interrupt ends the cell as a harness failure. */
    public static void sleep(Duration duration) {
        CellWaits.sleep(duration);
    }

    /** Makes {@code resource} the cell's: it is closed when the cell ends, before what was owned earlier. */
    public <T extends AutoCloseable> T own(T resource) {
        return resources.own(resource);
    }

    /**
     * Marks the start of teardown on the timeline, then stops everything: what the harness's own kills cause after the
     * mark (FINs, closes, exits) is never evidence ({@link CellRunner} judges only what came before it).
     */
    @Override
    public void close() {
        mark(HarnessEvents.TEARDOWN);
        turn.release();
        resources.closeAll();
    }

    /** The cell as its faults see it: the only writer of fault marks. */
    private final class Site implements FaultSite {
        @Override
        public long record(String type, Object... keyValues) {
            return CellContext.this.record(type, keyValues);
        }

        @Override
        public FaultPath path() {
            if (path == null) {
                throw new HarnessException("no fault path: the cell was never wired");
            }
            return path;
        }

        @Override
        public StartedProgram restartServer(Wiring wiring) {
            return topology.restartServer(wiring);
        }
    }
}
