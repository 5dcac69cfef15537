package io.heartbeatharness.reference.tcpkeepalive;

import io.heartbeatharness.process.ProcessReaper;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.reference.EventLog;
import io.heartbeatharness.reference.KeepaliveSettings;
import io.heartbeatharness.reference.KnownBad;
import io.heartbeatharness.reference.ReferenceProcesses;
import io.heartbeatharness.reference.RestartCheck;
import io.heartbeatharness.timeline.TimelineEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The tcp-keepalive design with real processes: the kernel holds the options it was given. */
class TcpKeepaliveIT {
    private final ReferenceProcesses run = new ReferenceProcesses(Design.TCP_KEEPALIVE);

    @AfterEach
    void noProcessIsLeft() {
        run.close();
        assertThat(ProcessReaper.live()).isZero();
    }

    @Test
    void clientReconnectsToARestartedServerWithTheDeclaredKeepaliveOnBothSockets() {
        RestartCheck.Restarted restarted = RestartCheck.clientReconnectsToARestartedServer(run, EventLog.CONNECTED);
        KeepaliveSettings expected = KeepaliveSettings.of(run.params(), KeepaliveSettings.DEFAULT_COUNT);
        TimelineEvent client = run.events(restarted.client(), EventLog.CONNECTED).get(1);
        TimelineEvent server = run.await(restarted.server(), EventLog.CONNECTED, 0, ReferenceProcesses.STARTUP);
        for (TimelineEvent connected : new TimelineEvent[] {client, server}) {
            assertThat(connected.data()).containsEntry("so_keepalive", true)
                    .containsEntry("keepidle_s", (long) expected.idleSeconds())
                    .containsEntry("keepintvl_s", (long) expected.intervalSeconds())
                    .containsEntry("keepcnt", (long) expected.count());
        }
    }

    @Test
    void knownBadFlawsLeaveKeepaliveOff() {
        var server = run.server(0, "--flaw", KnownBad.NEVER_CLOSE.flag());
        var client = run.client(run.portOf(server), "--flaw", KnownBad.NEVER_PING.flag());
        assertThat(run.await(client, EventLog.CONNECTED, 0, ReferenceProcesses.STARTUP).data())
                .containsEntry("so_keepalive", false);
        assertThat(run.await(server, EventLog.CONNECTED, 0, ReferenceProcesses.STARTUP).data())
                .containsEntry("so_keepalive", false);
    }
}
