package io.heartbeatharness.cell;

import io.heartbeatharness.backend.UnsupportedFault;
import io.heartbeatharness.reference.HeartbeatArgs;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.target.TargetLaunch;
import io.heartbeatharness.verdict.HarnessException;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.process.JavaLauncher;
import io.heartbeatharness.process.ManagedProcess;
import io.heartbeatharness.process.StartedProgram;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.backend.CellNetwork;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.Timeline;
import io.heartbeatharness.timeline.TimelineEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Starts a cell's processes, each owned by the cell and started in its {@link StartupTurn}: reference designs where
 * the cell's network places them, programs started by command and containers on loopback. Which process plays which part is
 * {@link Topology}'s to decide.
 */
final class CellProcesses {
    static final String LOOPBACK = "127.0.0.1";

    /** How long a process may take to print its readiness event before the cell is an ERROR. */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

    private final Target target;
    private final Timeline timeline;
    private final CellResources resources;
    private final StartupTurn turn;
    private final Supplier<CellNetwork> network;
    private final String backendId;
    /** Ports of servers started by command: unlike the reference designs they print no {@code listening} event. */
    private final Map<StartedProgram, Integer> commandPorts = new ConcurrentHashMap<>();

    CellProcesses(Target target, Timeline timeline, CellResources resources, StartupTurn turn,
                  Supplier<CellNetwork> network, String backendId) {
        this.target = target;
        this.timeline = timeline;
        this.resources = resources;
        this.turn = turn;
        this.network = network;
        this.backendId = backendId;
    }

    /** The harness's own reference design speaking the target's protocol: what plays the peer. */
    TargetLaunch peer() {
        return new TargetLaunch.Reference(Design.of(target.protocol()), Set.of());
    }

    /** Starts {@code launch} as a server on {@code port} (0: any) running {@code with}, and returns it once it listens. */
    StartedProgram server(String name, TargetLaunch launch, int port, HeartbeatParams with) {
        turn.take();
        if (launch instanceof TargetLaunch.Command || launch instanceof TargetLaunch.Image) {
            CommandTargets.Started started = startOnLoopback(name, launch, Side.SERVER, port, with);
            commandPorts.put(started.process(), started.port());
            return started.process();
        }
        List<String> command = network.get().placeServer(
                referenceCommand(launch, "server", network.get().serverHost(), port, 1, with));
        ManagedProcess process = resources.own(ManagedProcess.start(name, command, timeline));
        process.awaitEvent("listening event", e -> e.is(PeerEvents.LISTENING), STARTUP_TIMEOUT);
        return process;
    }

    /** Starts {@code launch} as a client with {@code connections} connections to {@code host:port}, running {@code with}. */
    StartedProgram client(String name, TargetLaunch launch, String host, int port, int connections, HeartbeatParams with) {
        turn.take();
        if (launch instanceof TargetLaunch.Command || launch instanceof TargetLaunch.Image) {
            // A command or container target is one client with one connection: scenarios needing more do not apply.
            return startOnLoopback(name, launch, Side.CLIENT, port, with).process();
        }
        return resources.own(ManagedProcess.start(name,
                network.get().placeClient(referenceCommand(launch, "client", host, port, connections, with)), timeline));
    }

    /** Starts a peer client on loopback, wherever the cell's network places the others: one of a fleet's processes. */
    ManagedProcess loopbackPeerClient(String name, int port, int connections, HeartbeatParams with) {
        turn.take();
        return resources.own(ManagedProcess.start(name,
                referenceCommand(peer(), "client", LOOPBACK, port, connections, with), timeline));
    }

    /** Starts a program by command, or a container on the host's network, owned by the cell. */
    private CommandTargets.Started startOnLoopback(String name, TargetLaunch launch, Side role, int port,
                                                   HeartbeatParams with) {
        requireLoopbackPlacement();
        CommandTargets.Started started = launch instanceof TargetLaunch.Image image
                ? ContainerTargets.start(name, target, image, role, port, with, timeline)
                : CommandTargets.start(name, (TargetLaunch.Command) launch, role, port, target.path(), with, timeline);
        resources.own(started.process());
        return started;
    }

    /**
     * Programs started by command (or in a container on the host's network) run where the harness runs, on loopback; a backend that places the cell's processes
     * elsewhere (namespaces) cannot take them.
     */
    void requireLoopbackPlacement() {
        if (!LOOPBACK.equals(network.get().serverHost())) {
            throw new UnsupportedFault("targets started by command or in containers run on loopback; the " + backendId
                    + " backend runs the cell's processes in network namespaces");
        }
    }

    /** The port a started server reported in its {@code listening} event (or was given, when started by command). */
    int portOf(StartedProgram server) {
        Integer chosen = commandPorts.get(server);
        if (chosen != null) {
            return chosen;
        }
        TimelineEvent listening = timeline.events(e -> e.source().equals(server.name()) && e.is(PeerEvents.LISTENING)).get(0);
        return Integer.parseInt(listening.str("port"));
    }

    private List<String> referenceCommand(TargetLaunch launch, String role, String host, int port, int connections,
                                          HeartbeatParams with) {
        if (!(launch instanceof TargetLaunch.Reference reference)) {
            throw new HarnessException("cannot start a target of kind " + launch.getClass().getSimpleName());
        }
        List<String> args = new ArrayList<>(List.of(
                "--design", reference.design().id(), "--role", role, "--host", host, "--port", Integer.toString(port),
                "--path", target.path(), "--connections", Integer.toString(connections)));
        args.addAll(HeartbeatArgs.flags(with, target.model().pings()));
        for (KnownBad flaw : reference.flaws()) {
            args.addAll(List.of("--flaw", flaw.flag()));
        }
        return JavaLauncher.peerCommand(args);
    }
}
