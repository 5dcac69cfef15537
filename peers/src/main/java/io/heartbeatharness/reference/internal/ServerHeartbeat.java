package io.heartbeatharness.reference.internal;

import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.reference.common.ServerConfig;
import io.netty.util.concurrent.EventExecutor;

/**
 * A WebSocket server's side of its heartbeat pairing: where the server pings, a ping every I and the client declared
 * dead when no pong came within T; where only the client pings, the client declared dead after I + T without one.
 * Not thread-safe: use it from the channel's executor.
 */
public final class ServerHeartbeat {
    private final PingSchedule pings;
    private final Deadline silence;

    private ServerHeartbeat(PingSchedule pings, Deadline silence) {
        this.pings = pings;
        this.silence = silence;
    }

    /**
     * Starts the side {@code config} asks for ({@code designs} when it names no pairing): {@code ping} writes one
     * ping, {@code dead} runs when the client is declared dead.
     */
    public static ServerHeartbeat start(EventExecutor executor, ServerConfig config, HeartbeatModel.Pingers designs,
                                        Runnable ping, Runnable dead) {
        var heartbeat = config.heartbeat();
        if (config.sendsPings(designs)) {
            PingSchedule pings = new PingSchedule(executor, heartbeat.interval(), heartbeat.timeout(), ping, dead);
            pings.start(heartbeat.interval());
            return new ServerHeartbeat(pings, null);
        }
        if (config.hearsPings(designs)) {
            Deadline silence = new Deadline(executor, heartbeat.interval().plus(heartbeat.timeout()), dead);
            silence.arm();
            return new ServerHeartbeat(null, silence);
        }
        return new ServerHeartbeat(null, null);
    }

    /** Whether this server sends pings (and so waits for pongs) rather than watching the client's. */
    public boolean pings() {
        return pings != null;
    }

    public void pongReceived() {
        if (pings != null) {
            pings.pongReceived();
        }
    }

    public void pingReceived() {
        if (silence != null) {
            silence.arm();
        }
    }

    public void stop() {
        if (pings != null) {
            pings.stop();
        }
        if (silence != null) {
            silence.cancel();
        }
    }
}
