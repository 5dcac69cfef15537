package io.heartbeatharness.scenario;

import io.heartbeatharness.scenario.catalogue.FleetFrozenSubset;
import io.heartbeatharness.scenario.catalogue.Frozen;
import io.heartbeatharness.scenario.catalogue.HalfOpen;
import io.heartbeatharness.scenario.catalogue.LatencyBelowTimeout;
import io.heartbeatharness.scenario.catalogue.NatIdle;
import io.heartbeatharness.scenario.catalogue.ProxyIdle;
import io.heartbeatharness.scenario.catalogue.ResetMidSession;
import io.heartbeatharness.scenario.catalogue.ServerRestartStorm;
import io.heartbeatharness.scenario.catalogue.TcpKeepaliveBlackhole;

import java.util.List;
import java.util.Optional;

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

    /**
     * What is wrong with {@code selector} as one of {@code target}'s own scenarios: it matches no scenario, or only
     * scenarios that do not apply to the target; empty when it selects at least one cell.
     */
    public static Optional<String> problemWith(String selector, Target target) {
        if (selector == null || selector.isBlank()) {
            return Optional.of("empty");
        }
        List<Scenario> selected = all().stream().filter(s -> matches(s, selector.trim())).toList();
        if (selected.isEmpty()) {
            return Optional.of("no scenario matches '" + selector + "' (see 'list')");
        }
        if (selected.stream().noneMatch(s -> s.appliesTo(target))) {
            return Optional.of("'" + selector + "' selects " + selected.stream().map(Scenario::id).toList()
                    + ", none of which applies to this " + target.role().id() + " (" + target.protocol().id() + ")");
        }
        return Optional.empty();
    }

    /** Whether {@code selectors} (ids or group prefixes, as {@link #select} takes) pick {@code scenario}; empty picks all. */
    public static boolean selects(List<String> selectors, Scenario scenario) {
        return selectors.isEmpty() || selectors.stream().anyMatch(sel -> matches(scenario, sel));
    }

    private static boolean matches(Scenario scenario, String selector) {
        String trimmed = selector.endsWith("/") ? selector.substring(0, selector.length() - 1) : selector;
        return scenario.id().equals(trimmed) || scenario.id().startsWith(trimmed + "/");
    }
}
