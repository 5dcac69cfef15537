package io.heartbeatharness.bench;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.scenario.latency.LatencyBelowTimeout;
import io.heartbeatharness.scenario.natidle.NatIdle;
import io.heartbeatharness.scenario.proxyidle.ProxyIdle;
import io.heartbeatharness.scenario.storm.ServerRestartStorm;
import io.heartbeatharness.time.TimeScale;

import java.time.Duration;
import java.util.Optional;

/**
 * The waiting a cell cannot avoid by design, from the target's declared (scaled) parameters alone: what a perfectly
 * fast harness and a perfectly correct target would still spend. Start-up, connecting, polling, tolerances and the
 * observation slack past a budget are the harness's overhead and are left out.
 */
final class InherentWait {
    private InherentWait() {
    }

    /**
     * The inherent wait of {@code scenario} against a target with {@code p}, or empty for a scenario this table
     * does not know (a new one: add its line here).
     */
    static Optional<Duration> of(String scenario, HeartbeatParams p, TimeScale scale) {
        // A heartbeat exchange comes every I; every fault starts right after one, so the target then needs I + T + P.
        Duration exchange = p.interval();
        Duration detection = p.interval().plus(p.timeout()).plus(p.sweepPeriod());
        Duration readTimeout = scale.apply(ProxyIdle.READ_TIMEOUT);
        return Optional.ofNullable(switch (scenario) {
            case "half-open/both", "half-open/upstream", "half-open/downstream", "frozen-client", "frozen-server" ->
                    exchange.plus(detection);
            // The tunnel must be watched for the whole hold period.
            case "proxy-idle/nginx-keeps-alive" -> readTimeout.multipliedBy(ProxyIdle.SURVIVE_TIMEOUTS);
            // nginx cuts the silent tunnel after its read timeout.
            case "proxy-idle/nginx-cut" -> readTimeout;
            // An exchange, then the server stays down for D.
            case "server-restart/storm" -> exchange.plus(scale.apply(ServerRestartStorm.DOWNTIME));
            // A heartbeat round before the freeze, then the live connections are watched for the whole budget.
            case "fleet/frozen-subset" -> exchange.plus(detection);
            // An exchange, then the connection is held under latency for 10 intervals.
            case "latency/below-timeout" -> exchange.plus(p.interval().multipliedBy(LatencyBelowTimeout.INTERVALS));
            // An exchange before the reset, and a heartbeat on the new connection after it.
            case "reset/mid-session" -> exchange.plus(p.interval());
            // An exchange, then 3 × the NAT's idle timeout N = I + T.
            case "nat-idle/keeps-alive" -> exchange.plus(p.interval().plus(p.timeout()).multipliedBy(NatIdle.SURVIVE_TIMEOUTS));
            // An exchange, then the mapping expires and the target needs its detection window.
            case "nat-idle/expired" -> exchange.plus(detection);
            // The kernel's keepalive: idle + intvl × cnt = I + T after the last packet.
            case "tcp-keepalive/blackhole" -> p.interval().plus(p.timeout());
            default -> null;
        });
    }
}
