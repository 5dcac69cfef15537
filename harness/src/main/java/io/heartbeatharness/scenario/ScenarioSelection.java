package io.heartbeatharness.scenario;

import io.heartbeatharness.target.Target;

import java.util.List;
import java.util.Optional;

/**
 * Scenario selectors, as {@code --scenario}, {@code @ScenarioMatrix} and a target's own {@code scenarios} give them:
 * an id, or a group prefix ({@code half-open} selects every {@code half-open/...}).
 */
public final class ScenarioSelection {
    private ScenarioSelection() {
    }

    /** The scenarios of {@code all} that {@code selectors} pick, every one when {@code selectors} is empty. */
    public static List<Scenario> select(List<Scenario> all, List<String> selectors) {
        if (selectors == null || selectors.isEmpty()) {
            return all;
        }
        for (String selector : selectors) {
            if (all.stream().noneMatch(s -> matches(s, selector))) {
                throw new IllegalArgumentException("--scenario: no scenario matches '" + selector + "' (see 'list')");
            }
        }
        return all.stream().filter(s -> selects(selectors, s)).toList();
    }

    /** Whether {@code selectors} pick {@code scenario}; empty picks all. */
    public static boolean selects(List<String> selectors, Scenario scenario) {
        return selectors.isEmpty() || selectors.stream().anyMatch(sel -> matches(scenario, sel));
    }

    /**
     * What is wrong with {@code selector} as one of {@code target}'s own scenarios among {@code all}: it matches no
     * scenario, or only scenarios that do not apply to the target; empty when it selects at least one cell.
     */
    public static Optional<String> problemWith(List<Scenario> all, String selector, Target target) {
        if (selector == null || selector.isBlank()) {
            return Optional.of("empty");
        }
        List<Scenario> selected = all.stream().filter(s -> matches(s, selector.trim())).toList();
        if (selected.isEmpty()) {
            return Optional.of("no scenario matches '" + selector + "' (see 'list')");
        }
        if (selected.stream().noneMatch(s -> s.appliesTo(target))) {
            return Optional.of("'" + selector + "' selects " + selected.stream().map(Scenario::id).toList()
                    + ", none of which applies to this " + target.role().wireName() + " (" + target.protocol().id() + ")");
        }
        return Optional.empty();
    }

    private static boolean matches(Scenario scenario, String selector) {
        String trimmed = selector.trim();
        trimmed = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        return scenario.id().equals(trimmed) || scenario.id().startsWith(trimmed + "/");
    }
}
