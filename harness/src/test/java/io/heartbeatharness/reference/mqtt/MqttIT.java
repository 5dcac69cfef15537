package io.heartbeatharness.reference.mqtt;

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

/** The MQTT design with real processes: the reference client against the reference broker, over loopback. */
class MqttIT {
    private final ReferenceProcesses run = new ReferenceProcesses(Design.MQTT);

    @AfterEach
    void noProcessIsLeft() {
        run.close();
        assertThat(ProcessReaper.live()).isZero();
    }

    @Test
    void theClientConnectsWithKeepAliveIAndItsPingreqsAreAnswered() {
        Duration round = run.params().interval().plus(run.params().timeout());
        ManagedProcess server = run.server(0);
        ManagedProcess client = run.client(run.portOf(server));
        TimelineEvent connected = run.await(server, PeerEvents.CONNECTED, 0, ReferenceProcesses.STARTUP);
        // I = 3 s at scale 0.1: the broker's limit, 1.5 x K, is then I + T = 4.5 s.
        assertThat(connected.str("keep_alive_s")).isEqualTo("3");
        run.await(client, PeerEvents.CONNECTED, 0, round);
        run.await(server, PeerEvents.PONG_SENT, 0, round);
        TimelineEvent first = run.await(client, PeerEvents.PONG_RECEIVED, 0, round);
        TimelineEvent second = run.await(client, PeerEvents.PONG_RECEIVED, first.monoNanos() + 1, round);
        assertThat(ReferenceProcesses.millisBetween(first.monoNanos(), second.monoNanos()))
                .as("a PINGREQ every I").isBetween(run.params().interval().toMillis() - 150,
                        run.params().interval().toMillis() + 150);
    }

    @Test
    void clientReconnectsToARestartedBrokerWithinItsBackoff() {
        RestartCheck.clientReconnectsToARestartedServer(run, PeerEvents.PONG_RECEIVED);
    }

    @Test
    void theBrokerClosesAClientThatNeverPingsAtOneAndAHalfKeepAlives() {
        Duration round = run.params().interval().plus(run.params().timeout());
        ManagedProcess server = run.server(0);
        run.client(run.portOf(server), "--flaw", "never-ping");
        TimelineEvent connected = run.await(server, PeerEvents.CONNECTED, 0, ReferenceProcesses.STARTUP);
        TimelineEvent closed = run.await(server, "the broker closing the silent client",
                e -> e.is(PeerEvents.CLOSED) && "self".equals(e.str("by")), round.multipliedBy(2));
        long silentMs = ReferenceProcesses.millisBetween(connected.monoNanos(), closed.monoNanos());
        // CONNECT, the last packet heard, came just before connected was logged.
        assertThat(silentMs).isBetween(round.toMillis() - Tolerance.DEFAULT.millis(), round.toMillis() + Tolerance.DEFAULT.millis());
        assertThat(run.events(server, PeerEvents.PEER_DEAD)).hasSize(1);
    }

    @Test
    void theBrokerClosesAFrozenClientWithinIntervalPlusTimeoutAndTheClientComesBackAfterSigcont() {
        Duration round = run.params().interval().plus(run.params().timeout());
        ManagedProcess server = run.server(0);
        ManagedProcess client = run.client(run.portOf(server));
        run.await(client, PeerEvents.PONG_RECEIVED, 0, ReferenceProcesses.STARTUP);

        client.sigstop();
        long frozen = Mono.now();
        Budget detection = Budgets.detection(run.params(), Tolerance.DEFAULT);
        TimelineEvent closed = run.await(server, "the broker closing the frozen client",
                e -> e.is(PeerEvents.CLOSED) && "self".equals(e.str("by")), detection.limit().multipliedBy(2));
        long detectedMs = ReferenceProcesses.millisBetween(frozen, closed.monoNanos());
        assertThat(detectedMs)
                .as("expected the broker to close within %d ms (%s), observed %d ms", detection.millis(),
                        detection.formula(), detectedMs)
                .isLessThanOrEqualTo(detection.millis());
        TimelineEvent lastPing = run.events(server, PeerEvents.PING_RECEIVED).stream()
                .filter(e -> e.monoNanos() <= frozen).reduce((a, b) -> b).orElseThrow();
        assertThat(ReferenceProcesses.millisBetween(lastPing.monoNanos(), closed.monoNanos()))
                .as("never before 1.5 x K of silence").isGreaterThanOrEqualTo(round.toMillis());

        long resumed = Mono.now();
        client.sigcont();
        Budget back = Budgets.reconnectAfterRestart(run.params(), Tolerance.DEFAULT);
        TimelineEvent reconnected = run.await(client, PeerEvents.RECONNECTED, resumed, back.limit().plus(round));
        assertThat(ReferenceProcesses.millisBetween(resumed, reconnected.monoNanos()))
                .as("reconnect after SIGCONT (%s)", back.formula()).isLessThanOrEqualTo(back.millis());
    }
}
