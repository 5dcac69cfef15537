package io.heartbeatharness.reference.line;

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
import io.heartbeatharness.timeline.TimelineEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The line design (seed 001) with real processes. */
class LineIT {
    private final ReferenceProcesses run = new ReferenceProcesses(Design.LINE);

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
    void theSweepClosesAFrozenClientWithinIntervalPlusTimeoutPlusSweepAndTheClientComesBackAfterSigcont() {
        Duration round = run.params().interval().plus(run.params().timeout());
        ManagedProcess server = run.server(0);
        ManagedProcess client = run.client(run.portOf(server));
        run.await(client, PeerEvents.PONG_RECEIVED, 0, ReferenceProcesses.STARTUP);

        client.sigstop();
        long frozen = Mono.now();
        Budget detection = Budgets.detection(run.params(), Tolerance.DEFAULT);
        TimelineEvent closed = run.await(server, "the server closing the frozen client",
                e -> e.is(PeerEvents.CLOSED) && "self".equals(e.str("by")), detection.limit().multipliedBy(2));
        long detectedMs = ReferenceProcesses.millisBetween(frozen, closed.monoNanos());
        assertThat(detectedMs)
                .as("expected the server to close within %d ms (%s), observed %d ms", detection.millis(),
                        detection.formula(), detectedMs)
                .isLessThanOrEqualTo(detection.millis());
        TimelineEvent lastPing = run.events(server, PeerEvents.PING_RECEIVED).stream()
                .filter(e -> e.monoNanos() <= frozen).reduce((a, b) -> b).orElseThrow();
        assertThat(ReferenceProcesses.millisBetween(lastPing.monoNanos(), closed.monoNanos()))
                .as("never before I + T of silence").isGreaterThanOrEqualTo(round.toMillis());

        long resumed = Mono.now();
        client.sigcont();
        Budget back = Budgets.reconnectAfterRestart(run.params(), Tolerance.DEFAULT);
        TimelineEvent reconnected = run.await(client, PeerEvents.RECONNECTED, resumed, back.limit().plus(round));
        assertThat(ReferenceProcesses.millisBetween(resumed, reconnected.monoNanos()))
                .as("reconnect after SIGCONT (%s)", back.formula()).isLessThanOrEqualTo(back.millis());
    }

    @Test
    void knownBadSweepEqualsIntervalIsReportedInTheListeningEvent() {
        ManagedProcess server = run.server(0, "--flaw", "sweep-equals-interval");
        assertThat(Long.parseLong(run.listening(server).str("sweep_ms"))).isEqualTo(run.params().interval().toMillis());
    }
}
