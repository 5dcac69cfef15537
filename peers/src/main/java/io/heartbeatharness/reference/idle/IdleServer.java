package io.heartbeatharness.reference.idle;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.RunningImplementation;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.reference.internal.ReferenceServer;

import java.time.Duration;

/**
 * Seed 004's server: Netty's {@code IdleStateHandler} fires reader-idle after I + T without a byte from the
 * client — one writer-idle interval for the client's next ping plus T for it to arrive — and the server closes.
 * The wire format is the line protocol's {@code ping}/{@code pong}.
 */
public final class IdleServer {
    private IdleServer() {
    }

    public static RunningImplementation start(ServerConfig config, EventLog log) {
        return ReferenceServer.start("idle", config, log, loop -> new IdleServerInitializer(config, log),
                bootstrap -> { }, "reader_idle_ms", readerIdle(config.heartbeat()).toMillis());
    }

    /** The server's reader-idle time: I + T. */
    static Duration readerIdle(HeartbeatParams heartbeat) {
        return heartbeat.interval().plus(heartbeat.timeout());
    }
}
