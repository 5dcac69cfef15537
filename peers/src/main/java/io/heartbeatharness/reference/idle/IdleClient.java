package io.heartbeatharness.reference.idle;

import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.RunningImplementation;
import io.heartbeatharness.reference.internal.ReconnectingClient;

/**
 * Seed 004's client (cim): pings when it has written nothing for I (Netty's writer-idle event), declares the
 * server dead when a ping goes unanswered for T, and reconnects from {@code channelInactive} as well as from
 * that pong timeout — never only from the idle event, whose timers Netty cancels when the channel closes.
 */
public final class IdleClient {
    private IdleClient() {
    }

    public static RunningImplementation start(ClientConfig config, EventLog log) {
        return ReconnectingClient.start(config, log, attempt -> new IdleClientInitializer(config, log, attempt),
                bootstrap -> { });
    }
}
