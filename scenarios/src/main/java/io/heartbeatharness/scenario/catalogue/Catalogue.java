package io.heartbeatharness.scenario.catalogue;

import io.heartbeatharness.scenario.Scenario;

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
        if (selectors == null || selectors.isEmpty()) {
            return all();
        }
        for (String selector : selectors) {
            if (all().stream().noneMatch(s -> matches(s, selector))) {
                throw new IllegalArgumentException("--scenario: no scenario matches '" + selector + "' (see 'list')");
            }
        }
        return all().stream().filter(s -> selectors.stream().anyMatch(sel -> matches(s, sel))).toList();
    }

    private static boolean matches(Scenario scenario, String selector) {
        String trimmed = selector.endsWith("/") ? selector.substring(0, selector.length() - 1) : selector;
        return scenario.id().equals(trimmed) || scenario.id().startsWith(trimmed + "/");
    }
}
