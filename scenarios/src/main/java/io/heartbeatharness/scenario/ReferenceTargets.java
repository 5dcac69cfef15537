package io.heartbeatharness.scenario;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.Design;

import java.util.List;
import java.util.Set;

/** The reference implementations as targets, with the parameters their seed articles declare. */
public final class ReferenceTargets {
    private ReferenceTargets() {
    }

    /** Seed 000's parameters: I 30 s, T 5 s, close 4000 "heartbeat timeout"; backoff 1 s to 10 s with full jitter. */
    public static HeartbeatParams params(Design design) {
        return switch (design) {
            case WS_JSON -> HeartbeatParams.SEED_000;
        };
    }

    public static List<Target> all() {
        return List.of(
                Target.reference(Design.WS_JSON, Role.SERVER, params(Design.WS_JSON), Set.of()),
                Target.reference(Design.WS_JSON, Role.CLIENT, params(Design.WS_JSON), Set.of()));
    }

    /** Targets named on the command line, e.g. {@code ws-json server}, {@code ws-json-server} or {@code ws-json}. */
    public static List<Target> select(List<String> names) {
        if (names == null || names.isEmpty()) {
            return all();
        }
        List<Target> chosen = new java.util.ArrayList<>();
        for (String name : names) {
            String wanted = name.trim().replace('-', ' ').replace('_', ' ');
            List<Target> known = new java.util.ArrayList<>(all());
            KnownBadTargets.all().forEach(v -> known.add(v.target()));
            List<Target> found = known.stream()
                    .filter(t -> t.name().replace('-', ' ').equals(wanted) || t.protocol().replace('-', ' ').equals(wanted))
                    .toList();
            if (found.isEmpty()) {
                throw new IllegalArgumentException("--target: no reference implementation named '" + name
                        + "'; known: " + known.stream().map(Target::name).toList());
            }
            chosen.addAll(found);
        }
        return chosen.stream().distinct().toList();
    }
}
