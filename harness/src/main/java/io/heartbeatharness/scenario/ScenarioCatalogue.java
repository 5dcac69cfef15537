package io.heartbeatharness.scenario;

import java.util.List;
import java.util.ServiceLoader;

/**
 * A source of scenarios, found on the class path through {@link ServiceLoader}: the engine checks a target's own
 * scenario selectors against what is installed without depending on the catalogue that provides them.
 */
public interface ScenarioCatalogue {

    /** Every scenario this catalogue provides, in the order it lists them. */
    List<Scenario> scenarios();

    /** The scenarios of every catalogue on the class path; empty when none is installed. */
    static List<Scenario> installed() {
        return ServiceLoader.load(ScenarioCatalogue.class, ScenarioCatalogue.class.getClassLoader()).stream()
                .flatMap(provider -> provider.get().scenarios().stream())
                .toList();
    }
}
