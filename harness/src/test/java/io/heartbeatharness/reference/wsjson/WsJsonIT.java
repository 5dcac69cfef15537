package io.heartbeatharness.reference.wsjson;

import io.heartbeatharness.process.ProcessReaper;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.reference.ReferenceProcesses;
import io.heartbeatharness.reference.RestartCheck;
import io.heartbeatharness.timeline.PeerEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** ws-json with real processes. */
class WsJsonIT {
    private final ReferenceProcesses run = new ReferenceProcesses(Design.WS_JSON);

    @AfterEach
    void noProcessIsLeft() {
        run.close();
        assertThat(ProcessReaper.live()).isZero();
    }

    @Test
    void clientReconnectsToARestartedServerWithinItsBackoff() {
        RestartCheck.clientReconnectsToARestartedServer(run, PeerEvents.PONG_SENT);
    }
}
