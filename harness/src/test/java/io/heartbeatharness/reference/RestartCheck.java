package io.heartbeatharness.reference;

import io.heartbeatharness.budget.Budget;
import io.heartbeatharness.budget.Budgets;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.process.ManagedProcess;
import io.heartbeatharness.time.Mono;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.TimelineEvent;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check every design's IT runs with real processes: a client connects, heartbeats flow, the server is killed
 * with {@code kill -9} and restarted on the same port, and the client must be back within its backoff budget
 * ({@link Budgets#reconnectAfterRestart}) with heartbeats flowing again.
 */
public final class RestartCheck {
    private RestartCheck() {
    }

    /** The processes still running after the check. */
    public record Restarted(ManagedProcess server, ManagedProcess client) {
    }

    /**
     * @param heartbeat the client event that proves a heartbeat went round (e.g. {@code pong-received})
     * @return the restarted server and the client, still running, for further checks
     */
    public static Restarted clientReconnectsToARestartedServer(ReferenceProcesses run, String heartbeat) {
        Duration round = run.params().interval().plus(run.params().timeout());
        ManagedProcess server = run.server(0);
        int port = run.portOf(server);
        ManagedProcess client = run.client(port);
        run.await(client, heartbeat, 0, ReferenceProcesses.STARTUP.plus(round));

        long killed = Mono.now();
        server.kill9();
        run.await(client, PeerEvents.CLOSED, killed, round);

        ManagedProcess restarted = run.server(port);
        TimelineEvent listening = run.listening(restarted);
        Budget budget = Budgets.reconnectAfterRestart(run.params(), Tolerance.DEFAULT);
        // Watch past the budget, so that a late reconnect is measured rather than reported missing.
        TimelineEvent reconnected = run.await(client, PeerEvents.RECONNECTED, killed, budget.limit().multipliedBy(2).plus(round));
        TimelineEvent attempt = run.events(client, PeerEvents.CONNECTING).stream()
                .filter(e -> e.monoNanos() <= reconnected.monoNanos()).reduce((a, b) -> b).orElseThrow();
        long attemptMs = Math.max(0, ReferenceProcesses.millisBetween(listening.monoNanos(), attempt.monoNanos()));
        long setUpMs = ReferenceProcesses.millisBetween(attempt.monoNanos(), reconnected.monoNanos());
        System.out.printf("%s: tried again %d ms after the server listened (budget %d ms: %s), connected %d ms later%n",
                client.name(), attemptMs, budget.millis(), budget.formula(), setUpMs);
        assertThat(attemptMs)
                .as("expected the client to try again within %d ms of the server listening (%s), observed %d ms",
                        budget.millis(), budget.formula(), attemptMs)
                .isLessThanOrEqualTo(budget.millis());
        // Setting the connection up is bounded by the client's own give-up time for a connect or handshake, I + T;
        // a freshly started server JVM needs more than the tolerance for its first WebSocket handshake.
        assertThat(setUpMs).as("connection set-up after the successful attempt").isLessThanOrEqualTo(round.toMillis());
        run.await(client, heartbeat, attempt.monoNanos(), round.multipliedBy(2));
        return new Restarted(restarted, client);
    }
}
