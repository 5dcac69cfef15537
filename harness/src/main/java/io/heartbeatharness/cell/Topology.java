package io.heartbeatharness.cell;

import io.heartbeatharness.backend.UnsupportedFault;
import io.heartbeatharness.fault.Wiring;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.target.TargetLaunch;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.process.ManagedProcess;
import io.heartbeatharness.backend.CellNetwork;
import io.heartbeatharness.backend.FaultPath;
import io.heartbeatharness.process.StartedProgram;
import io.heartbeatharness.time.TimeScale;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TapEvents;
import io.heartbeatharness.timeline.Timeline;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Lays a cell out as {@code client → fault path → server}: which of target and peer is the server, the parameters
 * each side runs, and what the path will tell the judges, declared on the timeline before anything connects.
 */
final class Topology {
    private final Target target;
    private final HeartbeatParams params;
    private final TimeScale scale;
    private final String backendId;
    private final Supplier<CellNetwork> network;
    private final CellProcesses processes;
    private final CellWaits waits;
    private final StartupTurn turn;
    private final Timeline timeline;

    Topology(Target target, HeartbeatParams params, TimeScale scale, String backendId, Supplier<CellNetwork> network,
             CellProcesses processes, CellWaits waits, StartupTurn turn, Timeline timeline) {
        this.target = target;
        this.params = params;
        this.scale = scale;
        this.backendId = backendId;
        this.network = network;
        this.processes = processes;
        this.waits = waits;
        this.turn = turn;
        this.timeline = timeline;
    }

    /**
     * Starts the target and the peer with the fault path between them: the client side ({@code clients} connections)
     * connects to the path, the path to whatever {@code inFrontOfServer} puts before the server (by default the server
     * itself); the peer runs {@code peerParams} and the target {@code targetParams} applied to their usual parameters.
     */
    Wiring wire(int clients, UnaryOperator<HeartbeatParams> peerParams, UnaryOperator<HeartbeatParams> targetParams,
                IntUnaryOperator inFrontOfServer) {
        turn.take();
        boolean targetIsServer = target.role() == Side.SERVER;
        TargetLaunch peer = processes.peer();
        // A peer server whose figures the client takes from its handshake keeps the target's own: announcing a longer
        // timeout would lengthen the client's silence timer and fail a correct client.
        boolean announced = !targetIsServer && target.protocol().serverAnnouncesHeartbeat();
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
            processes.requireLoopbackPlacement();
            FaultPath path = network.get().path(inFrontOfServer.applyAsInt(address.port()));
            declareEvidence(path, true);
            InetSocketAddress to = path.clientAddress();
            StartedProgram client = processes.client(Sources.PEER, peer, to.getHostString(), to.getPort(), clients, peerScaled);
            endStartupOnceConnected();
            return new Wiring(path, null, client, address.port(), Side.SERVER);
        }
        StartedProgram server = targetIsServer ? processes.server(Sources.TARGET, target.launch(), 0, targetScaled)
                : processes.server(Sources.PEER, peer, 0, peerScaled);
        int serverPort = processes.portOf(server);
        FaultPath path = network.get().path(inFrontOfServer.applyAsInt(serverPort));
        declareEvidence(path, targetIsServer);
        InetSocketAddress to = path.clientAddress();
        StartedProgram client = targetIsServer
                ? processes.client(Sources.PEER, peer, to.getHostString(), to.getPort(), clients, peerScaled)
                : processes.client(Sources.TARGET, target.launch(), to.getHostString(), to.getPort(), clients, targetScaled);
        endStartupOnceConnected();
        return new Wiring(path, server, client, serverPort, target.role());
    }

    /** Starts the wiring's server again on the port it had (after a kill), and returns the new process. */
    StartedProgram restartServer(Wiring wiring) {
        String name = wiring.targetRole() == Side.SERVER ? Sources.TARGET : Sources.PEER;
        TargetLaunch launch = wiring.targetRole() == Side.SERVER ? target.launch() : processes.peer();
        return processes.server(name, launch, wiring.serverPort(), params);
    }

    /**
     * The peer pings (where its side does) at the target's rhythm but waits a whole interval longer before giving up
     * on the target: the harness's instrument must never race the target to declare the link dead, or the target's
     * own detection could not be observed — nor could a close by the peer tell the target in time for it.
     */
    HeartbeatParams patientPeer() {
        return params.withTimeout(params.timeout().plus(params.interval()));
    }

    /**
     * MQTT's Keep Alive is whole seconds: a broker target is told K = its interval by the peer's CONNECT, so an interval
     * that scales to a fraction of a second would be rounded up, and the broker judged by a K it was never given.
     */
    private void requireWholeSecondKeepAlive(HeartbeatParams scaled) {
        if (target.protocol().mqttKeepAlive() && scaled.interval().toMillis() % 1000 != 0) {
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
        timeline.record(Sources.HARNESS, HarnessEvents.FAULT_PATH, "backend", backendId,
                "evidence", path.evidence(), "server", targetIsServer ? Sources.TARGET : Sources.PEER,
                "client", targetIsServer ? Sources.PEER : Sources.TARGET,
                "handshake", Boolean.toString(target.protocol().connectedAfterHandshake()),
                "model", target.model().describe());
        if (!path.tapped() && !target.writesEventLog()) {
            throw new UnsupportedFault("the " + backendId + " backend has no tap and " + target.name()
                    + " writes no event log: there is no evidence to judge by");
        }
    }

    /**
     * Ends this cell's start-up turn once a connection is up (the proxy connected upstream, or a process logged
     * a connection): its JVMs have started by then. Waiting for the first bytes instead would keep the turn for up
     * to an interval where nothing is said before the first ping. Nothing is judged here: a target that never
     * connects is caught by what the scenario waits for next.
     */
    private void endStartupOnceConnected() {
        waits.waitFor("a connection is up: start-up over", CellProcesses.STARTUP_TIMEOUT, events -> events.stream().anyMatch(e ->
                (e.source().equals(Sources.PROXY) && e.is(TapEvents.CONNECT))
                        || e.is(PeerEvents.CONNECTED)));
        turn.release();
    }
}
