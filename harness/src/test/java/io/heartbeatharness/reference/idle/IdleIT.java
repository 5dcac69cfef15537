package io.heartbeatharness.reference.idle;

import io.heartbeatharness.budget.Budget;
import io.heartbeatharness.budget.Budgets;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.process.ManagedProcess;
import io.heartbeatharness.process.ProcessReaper;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.reference.ReferenceProcesses;
import io.heartbeatharness.reference.RestartCheck;
import io.heartbeatharness.time.Mono;
import io.heartbeatharness.timeline.PeerEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The idle design (seed 004) with real processes, and seed 004's pitfall shown for real. */
class IdleIT {
    private final ReferenceProcesses run = new ReferenceProcesses(Design.IDLE);

    @AfterEach
    void noProcessIsLeft() {
        run.close();
        assertThat(ProcessReaper.live()).isZero();
    }

    @Test
    void clientReconnectsToARestartedServerWithinItsBackoff() {
        RestartCheck.clientReconnectsToARestartedServer(run, PeerEvents.PONG_RECEIVED);
    }

    @Test
    void knownBadReconnectOnlyFromIdleEventNeverComesBackAfterTheServerIsKilled() {
        Duration round = run.params().interval().plus(run.params().timeout());
        ManagedProcess server = run.server(0);
        int port = run.portOf(server);
        ManagedProcess client = run.client(port, "--flaw", "reconnect-only-from-idle-event");
        run.await(client, PeerEvents.PONG_RECEIVED, 0, ReferenceProcesses.STARTUP);

        long killed = Mono.now();
        server.kill9();
        run.await(client, PeerEvents.CLOSED, killed, round);
        run.server(port);
        Budget budget = Budgets.reconnectAfterRestart(run.params(), Tolerance.DEFAULT);
        // Several idle periods and backoff budgets: a correct client would have been back long before.
        Duration watched = budget.limit().plus(round).multipliedBy(3);
        long until = Mono.now() + watched.toNanos();
        while (Mono.now() < until) {
            assertThat(run.events(client, PeerEvents.RECONNECTED)).as("the flawed client must never come back").isEmpty();
            assertThat(run.events(client, PeerEvents.RECONNECT_SCHEDULED)).isEmpty();
            sleep(run.params().timeout());
        }
        assertThat(client.isAlive()).as("it is still running, just disconnected for good").isTrue();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
