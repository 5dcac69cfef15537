package io.heartbeatharness.scenario.catalogue;

import io.heartbeatharness.scenario.fleet.FleetFrozenSubset;
import io.heartbeatharness.scenario.frozen.Frozen;
import io.heartbeatharness.scenario.halfopen.HalfOpen;
import io.heartbeatharness.scenario.latency.LatencyBelowTimeout;
import io.heartbeatharness.scenario.natidle.NatIdle;
import io.heartbeatharness.scenario.proxyidle.ProxyIdle;
import io.heartbeatharness.scenario.reset.ResetMidSession;
import io.heartbeatharness.scenario.storm.ServerRestartStorm;
import io.heartbeatharness.scenario.tcpkeepalive.TcpKeepaliveBlackhole;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.scenario.ScenarioCatalogue;
import io.heartbeatharness.scenario.ScenarioSelection;

import java.util.List;

/** Every scenario the harness knows, in catalogue order. */
public final class Catalogue {
    private Catalogue() {
    }

    public static List<Scenario> all() {
        return List.of(HalfOpen.both(), HalfOpen.upstream(), HalfOpen.downstream(), NatIdle.keepsAlive(),
                NatIdle.expired(), Frozen.client(), Frozen.server(), ProxyIdle.keepsAlive(), ProxyIdle.cut(),
                new ServerRestartStorm(), new LatencyBelowTimeout(), new ResetMidSession(), new TcpKeepaliveBlackhole(),
                FleetFrozenSubset.fromSystemProperty());
    }

    /**
     * The scenarios whose id equals one of {@code selectors} or starts with it followed by {@code /}
     * ({@code half-open} selects every {@code half-open/...}); every scenario when {@code selectors} is empty.
     */
    public static List<Scenario> select(List<String> selectors) {
        return ScenarioSelection.select(all(), selectors);
    }

    /** The catalogue as the engine finds it on the class path (META-INF/services). */
    public static final class Installed implements ScenarioCatalogue {
        @Override
        public List<Scenario> scenarios() {
            return all();
        }
    }
}
