package io.heartbeatharness.scenario;

import java.util.Objects;

/**
 * What one case of the catalogue is, as data: each variant of a scenario family is one of these.
 *
 * @param id          case id such as {@code half-open/both}; prefixes select groups
 * @param description one sentence: the fault
 * @param expectation one sentence: what a correct implementation does
 * @param requirement how strongly the expectation binds
 */
public record ScenarioCase(String id, String description, String expectation, Requirement requirement) {

    public ScenarioCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(expectation, "expectation");
        Objects.requireNonNull(requirement, "requirement");
    }
}
