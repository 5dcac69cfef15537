package io.heartbeatharness.reference.line;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.common.RunningImplementation;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.reference.internal.ReferenceServer;

import java.time.Duration;

/**
 * Seed 001's (Workerman's) server: answers {@code ping} with {@code pong}, and a timer every sweep period P
 * closes connections silent for longer than I + T — one interval for the client's next heartbeat to fall due
 * plus T for it to be late. Detection therefore takes at most I + T + P after the last message.
 *
 * <p>With P = 0 each connection gets an exact timer instead of the sweep.
 */
public final class LineServer {
    private LineServer() {
    }

    public static RunningImplementation start(ServerConfig config, EventLog log) {
        HeartbeatParams heartbeat = config.heartbeat();
        Duration allowance = allowance(heartbeat);
        Duration sweep = sweepPeriod(config);
        return ReferenceServer.start("line", config, log, loop -> new LineServerInitializer(config, log,
                        sweep.isZero() ? null : LineSweeper.start(loop, sweep, allowance)),
                bootstrap -> { }, "sweep_ms", sweep.toMillis(), "allowance_ms", allowance.toMillis());
    }

    /** How long a connection may stay silent: I + T. */
    static Duration allowance(HeartbeatParams heartbeat) {
        return heartbeat.interval().plus(heartbeat.timeout());
    }

    /** The declared P, or the interval itself for the known-bad server that sweeps once per interval. */
    static Duration sweepPeriod(ServerConfig config) {
        return config.has(KnownBad.SWEEP_EQUALS_INTERVAL) ? config.heartbeat().interval() : config.heartbeat().sweepPeriod();
    }
}
