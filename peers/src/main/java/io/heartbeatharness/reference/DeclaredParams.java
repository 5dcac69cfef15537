package io.heartbeatharness.reference;

import io.heartbeatharness.budget.HeartbeatParams;

import java.time.Duration;

/**
 * The heartbeat parameters each reference design declares, in real-world units, with where they come from.
 * Every design reconnects with the same backoff: 1 s doubling to 10 s, full jitter.
 */
public final class DeclaredParams {
    private static final Duration BACKOFF_INITIAL = Duration.ofSeconds(1);
    private static final Duration BACKOFF_MAX = Duration.ofSeconds(10);

    /** Seed 000: ping every 30 s, pong within 5 s, close 4000 "heartbeat timeout". */
    public static final HeartbeatParams WS_JSON = HeartbeatParams.SEED_000;

    /**
     * ws-control: Ping every 30 s (the interval of the {@code ws} README's sample), Pong within 10 s, close 1001
     * "heartbeat timeout" — 1001 "going away" is what RFC 6455 offers an endpoint that gives up on its peer.
     */
    public static final HeartbeatParams WS_CONTROL = new HeartbeatParams(Duration.ofSeconds(30), Duration.ofSeconds(10),
            Duration.ZERO, BACKOFF_INITIAL, BACKOFF_MAX, true, 1001, "heartbeat timeout");

    /**
     * Engine.IO 4's defaults: pingInterval 25 s, pingTimeout 20 s (engine.io's server options). The reference client
     * reconnects as every design does (1 s to 10 s, full jitter), not as socket.io-client (1 s to 5 s, ±50 %).
     */
    public static final HeartbeatParams SOCKET_IO = new HeartbeatParams(Duration.ofSeconds(25), Duration.ofSeconds(20),
            Duration.ZERO, BACKOFF_INITIAL, BACKOFF_MAX, true, null, null);

    /**
     * MQTT with Keep Alive K = 30 s: the client's PINGREQ every K (I), the broker's limit of 1.5 × K after the last
     * packet it heard (MQTT 3.1.1 §3.1.2.10), so T = K / 2. No close code: MQTT has none.
     */
    public static final HeartbeatParams MQTT = new HeartbeatParams(Duration.ofSeconds(30), Duration.ofSeconds(15),
            Duration.ZERO, BACKOFF_INITIAL, BACKOFF_MAX, true, null, null);

    /**
     * Seed 001 (Workerman): the server closes connections silent for longer than its HEARTBEAT_TIME of 55 s,
     * checked by a timer every 10 s (P). HEARTBEAT_TIME is I + T here: the client sends every 50 s and may be 5 s
     * late — the seed's own 55 s client interval would leave no slack at all. No close code: plain TCP.
     */
    public static final HeartbeatParams LINE = new HeartbeatParams(Duration.ofSeconds(50), Duration.ofSeconds(5),
            Duration.ofSeconds(10), BACKOFF_INITIAL, BACKOFF_MAX, true, null, null);

    /**
     * Seed 004 (cim): the client pings after 10 s without writing (writer-idle I); a pong is due within 5 s; the
     * server's reader-idle time is I + T = 15 s. No close code: plain TCP.
     */
    public static final HeartbeatParams IDLE = new HeartbeatParams(Duration.ofSeconds(10), Duration.ofSeconds(5),
            Duration.ZERO, BACKOFF_INITIAL, BACKOFF_MAX, true, null, null);

    /**
     * Seeds 002 and 003, tuned down from Linux's 7200 s / 75 s / 9: TCP_KEEPIDLE 30 s (I) and 3 probes 10 s
     * apart (T = 30 s), so the kernel reports a dead peer within 60 s of silence. No close code: plain TCP.
     */
    public static final HeartbeatParams TCP_KEEPALIVE = new HeartbeatParams(Duration.ofSeconds(30), Duration.ofSeconds(30),
            Duration.ZERO, BACKOFF_INITIAL, BACKOFF_MAX, true, null, null);

    private DeclaredParams() {
    }
}
