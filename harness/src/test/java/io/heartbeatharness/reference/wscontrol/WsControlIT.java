package io.heartbeatharness.reference.wscontrol;

import io.heartbeatharness.process.ProcessReaper;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.reference.ReferenceProcesses;
import io.heartbeatharness.reference.RestartCheck;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.TimelineEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** ws-control with real processes: Ping and Pong control frames over a real WebSocket. */
class WsControlIT {
    private final ReferenceProcesses run = new ReferenceProcesses(Design.WS_CONTROL);

    @AfterEach
    void noProcessIsLeft() {
        run.close();
        assertThat(ProcessReaper.live()).isZero();
    }

    @Test
    void clientReconnectsToARestartedServerWithinItsBackoff() {
        RestartCheck.Restarted restarted = RestartCheck.clientReconnectsToARestartedServer(run, PeerEvents.PONG_SENT);
        TimelineEvent ping = run.await(restarted.server(), PeerEvents.PING_SENT, 0, ReferenceProcesses.STARTUP);
        TimelineEvent pong = run.await(restarted.server(), "its Ping's sequence number back in a Pong",
                e -> e.is(PeerEvents.PONG_RECEIVED) && ping.str("seq").equals(e.str("seq")),
                run.params().timeout().multipliedBy(2));
        assertThat(pong.monoNanos()).isGreaterThanOrEqualTo(ping.monoNanos());
    }
}
