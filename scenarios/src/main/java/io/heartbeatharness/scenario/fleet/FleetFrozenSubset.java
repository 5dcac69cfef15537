package io.heartbeatharness.scenario.fleet;

import io.heartbeatharness.budget.Budget;
import io.heartbeatharness.budget.Budgets;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.process.ManagedProcess;
import io.heartbeatharness.process.StartedProgram;
import io.heartbeatharness.proxy.EmbeddedProxy;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.cell.CellContext;
import io.heartbeatharness.judge.Evidence;
import io.heartbeatharness.verdict.HarnessException;
import io.heartbeatharness.judge.Judgement;
import io.heartbeatharness.budget.PlannedBudgets;
import io.heartbeatharness.scenario.Requirement;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.fault.ActiveFault;
import io.heartbeatharness.fault.Fault;
import io.heartbeatharness.judge.FleetQueries;
import io.heartbeatharness.judge.Observation;
import io.heartbeatharness.judge.StormQueries;
import io.heartbeatharness.judge.TapQueries;
import io.heartbeatharness.scenario.ScenarioCase;
import io.heartbeatharness.time.Mono;
import io.heartbeatharness.time.TimeScale;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.TimelineEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code fleet/frozen-subset}: N heartbeating connections to a server target, held by {@link #PROCESSES} peer client
 * processes through the embedded proxy; one of the processes — a known tenth of the fleet — is frozen with a real
 * {@code SIGSTOP}. The server must close every frozen connection within I + T + P and not one live connection, judged
 * per connection from the proxy tap.
 */
public final class FleetFrozenSubset implements Scenario {
    /** The system property that sets N. */
    public static final String CONNECTIONS_PROPERTY = "heartbeat.fleet.connections";
    /** N by default: a server holding thousands of connections is where a slow sweep or a lost timer shows. */
    public static final int DEFAULT_CONNECTIONS = 5_000;
    /**
     * Peer client processes the fleet is spread over; freezing one of them freezes a tenth. Ten also keeps each
     * process far below the 20,000 open files one process may hold, up to the largest fleet the proxy can carry.
     */
    public static final int PROCESSES = 10;
    /** Source names of the peer client processes: {@code peer-1} … {@code peer-10}; {@code peer-1} is frozen. */
    static final String PROCESS_PREFIX = "peer-";
    /**
     * A fleet of 5,000 has a timeline of hundreds of thousands of events: look at it once a second. A small fleet's
     * (500 in the build) is looked at more often, 0.2 ms per connection but at least every 100 ms, or its waits would
     * mostly be the poll.
     */
    private static final Duration LONGEST_POLL = Duration.ofSeconds(1);
    private static final Duration SHORTEST_POLL = Duration.ofMillis(100);
    private static final Duration POLL_PER_CONNECTION = Duration.ofNanos(200_000);

    private final int connections;
    private final ScenarioCase scenarioCase;

    public FleetFrozenSubset(int connections) {
        if (connections < PROCESSES) {
            throw new IllegalArgumentException("-D" + CONNECTIONS_PROPERTY + ": expected at least " + PROCESSES
                    + " connections (one per peer process), got " + connections);
        }
        this.connections = connections;
        this.scenarioCase = new ScenarioCase("fleet/frozen-subset", connections + " connections from " + PROCESSES
                + " peer processes; real SIGSTOP of one process, freezing a tenth of them.",
                "The server closes every frozen connection within I + T + P, and not one live connection.",
                Requirement.MUST);
    }

    /** N from {@value #CONNECTIONS_PROPERTY}, else {@value #DEFAULT_CONNECTIONS}. */
    public static FleetFrozenSubset fromSystemProperty() {
        String value = System.getProperty(CONNECTIONS_PROPERTY);
        if (value == null || value.isBlank()) {
            return new FleetFrozenSubset(DEFAULT_CONNECTIONS);
        }
        try {
            return new FleetFrozenSubset(Integer.parseInt(value.trim().replace("_", "")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + CONNECTIONS_PROPERTY + ": expected a whole number, got '"
                    + value + "'");
        }
    }

    public int connections() {
        return connections;
    }

    /** How often the fleet's timeline is looked at while waiting for it. */
    Duration poll() {
        Duration scaled = POLL_PER_CONNECTION.multipliedBy(connections);
        return scaled.compareTo(SHORTEST_POLL) < 0 ? SHORTEST_POLL
                : scaled.compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : scaled;
    }

    /** Several peer processes open thousands of connections at once. */
    @Override
    public boolean exclusive() {
        return true;
    }

    @Override
    public ScenarioCase scenarioCase() {
        return scenarioCase;
    }

    @Override
    public boolean appliesTo(Target target) {
        return target.role() == Side.SERVER && target.protocol().hasAppHeartbeat() && target.harnessStarted();
    }

    @Override
    public PlannedBudgets budgets(Side role, HeartbeatParams scaled, TimeScale scale, Tolerance tolerance) {
        return PlannedBudgets.of(PlannedBudgets.DETECTION, Budgets.detection(scaled, tolerance));
    }

    @Override
    public void drive(CellContext cell) {
        cell.requireEmbedded("a fleet is judged connection by connection from the embedded proxy's tap");
        Budget budget = cell.budget(PlannedBudgets.DETECTION);
        FleetGate.checkFits(connections);
        StartedProgram server = cell.startTargetServer();
        EmbeddedProxy proxy = cell.proxy(cell.portOf(server));
        List<ManagedProcess> peers = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            int share = connections / PROCESSES + (i < connections % PROCESSES ? 1 : 0);
            ManagedProcess peer = cell.startPeerClient(PROCESS_PREFIX + (i + 1), proxy.port(), share);
            // One JVM booting at a time: ten at once would take both cores from every other cell running beside
            // this one, and stall heartbeats there that have nothing to do with the fleet.
            peer.awaitEvent("first connection attempt", e -> e.is(PeerEvents.CONNECTING), cell.startupTimeout());
            peers.add(peer);
        }
        awaitFleet(cell);
        // One interval more: every connection has carried a heartbeat, so the live ones are known to answer.
        CellContext.sleep(cell.params().interval());
        awaitSettled(cell);

        ManagedProcess victim = peers.get(0);
        ActiveFault freeze = cell.inject(new Fault.Freeze(victim, connections));
        long faultStart = freeze.startedAt();
        Set<String> frozen = frozenConnections(cell.timeline().eventsOfType(FleetQueries.OPEN_AT_TYPES), faultStart,
                victim.name());
        cell.waitFor("server closes every frozen connection", Observation.window(budget), poll(),
                FleetQueries.CLOSE_TYPES, events -> FleetQueries.firstCloses(events, frozen, faultStart, Long.MAX_VALUE)
                        .values().stream().filter(e -> Side.SERVER.wireName().equals(e.str("side"))).count()
                        >= frozen.size());
        // The live connections are watched for the whole budget, however early the frozen ones were closed.
        CellContext.sleep(Duration.ofNanos(faultStart + budget.limit().toNanos() - Mono.now()));
        // Had the harness stood still (a pause of this JVM), the proxy's loop resumes with closes not stamped yet:
        // they must be on the timeline before the fault's end, the edge of the window they are judged in.
        if (!proxy.catchUp(cell.startupTimeout())) {
            throw new HarnessException("the proxy's event loop did not catch up with its sockets within "
                    + cell.startupTimeout().toMillis() + " ms (start-up timeout) before the SIGCONT");
        }
        freeze.heal();
    }

    /**
     * Waits until all N connections have worked through the proxy. Ten JVMs and thousands of handshakes take a while
     * on a busy machine, so the wait lasts as long as connections keep coming: the cell is an ERROR only when none
     * came to work for a whole start-up timeout (+ backoff max, as a refused client may wait that long to retry).
     */
    private void awaitFleet(CellContext cell) {
        Duration stall = cell.startupTimeout().plus(cell.params().backoffMax());
        int working = 0;
        long progressAt = Mono.now();
        while (working < connections) {
            CellContext.sleep(poll());
            int now = StormQueries.workingConnectionsSince(cell.timeline().events(), Long.MIN_VALUE).size();
            if (now > working) {
                working = now;
                progressAt = Mono.now();
            } else if (Mono.now() - progressAt > stall.toNanos()) {
                throw new HarnessException(String.format("only %d of %d connections worked through the proxy, none "
                        + "more for %d ms (start-up timeout + backoff max)", working, connections, stall.toMillis()));
            }
        }
    }

    /**
     * Waits until N connections are open with every one claimed by its process (none in the middle of a handshake),
     * so that each connection at the SIGSTOP is known to be frozen or live; an ERROR when that takes longer than a
     * start-up timeout (+ backoff max) — the fleet did not hold together before any fault.
     */
    private void awaitSettled(CellContext cell) {
        Duration stall = cell.startupTimeout().plus(cell.params().backoffMax());
        if (!cell.waitFor("every connection open and claimed by its process", stall, poll(),
                FleetQueries.OPEN_AT_TYPES, events -> FleetQueries.settled(FleetQueries.openAt(events, Long.MAX_VALUE,
                        FleetFrozenSubset::isPeer), connections))) {
            List<FleetQueries.Held> open = FleetQueries.openAt(cell.timeline().eventsOfType(FleetQueries.OPEN_AT_TYPES),
                    Long.MAX_VALUE, FleetFrozenSubset::isPeer);
            throw new HarnessException(String.format("the fleet did not settle within %d ms before the SIGSTOP: "
                            + "expected %d open connections each claimed by its process, last seen %d open, %d of them "
                            + "still connecting", stall.toMillis(), connections, open.size(),
                    open.stream().filter(h -> h.process() == null).count()));
        }
    }

    private static Set<String> frozenConnections(List<TimelineEvent> events, long instant, String process) {
        Set<String> frozen = new HashSet<>();
        for (FleetQueries.Held held : FleetQueries.openAt(events, instant, FleetFrozenSubset::isPeer)) {
            if (process.equals(held.process())) {
                frozen.add(held.conn());
            }
        }
        return frozen;
    }

    static boolean isPeer(String source) {
        return source.startsWith(PROCESS_PREFIX);
    }

    @Override
    public Judgement judge(Evidence evidence) {
        return FleetVerdict.of(evidence, connections);
    }
}
