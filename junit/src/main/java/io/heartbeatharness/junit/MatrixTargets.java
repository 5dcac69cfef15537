package io.heartbeatharness.junit;

import io.heartbeatharness.target.Target;
import io.heartbeatharness.scenario.catalogue.Catalogue;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.scenario.ScenarioSelection;
import io.heartbeatharness.spec.TargetSpecs;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The targets of a {@link ScenarioMatrix}: the test class's {@link HeartbeatTarget} fields, reference implementation
 * names and spec files. Names of the fields' targets come first; with no names at all, the fields' targets, else
 * every reference implementation. A field's {@link HeartbeatTarget#scenarios()} narrows the scenarios of its target.
 */
final class MatrixTargets {
    private MatrixTargets() {
    }

    static List<Target> of(Class<?> testClass, List<String> names) {
        List<Target> declared = declared(testClass);
        if (names.isEmpty()) {
            return declared.isEmpty() ? TargetSpecs.select(List.of()) : declared;
        }
        List<Target> targets = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String name : names) {
            declared.stream().filter(t -> t.name().equals(name)).findFirst()
                    .ifPresentOrElse(targets::add, () -> others.add(name));
        }
        if (!others.isEmpty()) {
            try {
                targets.addAll(TargetSpecs.select(others));
            } catch (IllegalArgumentException e) {
                // The CLI's wording names --target; here the name came from @ScenarioMatrix(targets = …).
                throw new IllegalArgumentException("@ScenarioMatrix(targets): " + e.getMessage()
                        .replaceFirst("^--target: ", "") + "; @HeartbeatTarget fields of " + testClass.getSimpleName()
                        + ": " + declared.stream().map(Target::name).toList(), e);
            }
        }
        return List.copyOf(targets);
    }

    private static List<Target> declared(Class<?> testClass) {
        List<Target> targets = new ArrayList<>();
        for (Field field : ReflectionSupport.findFields(testClass,
                f -> AnnotationSupport.isAnnotated(f, HeartbeatTarget.class), HierarchyTraversalMode.TOP_DOWN)) {
            if (!Modifier.isStatic(field.getModifiers()) || !Target.class.isAssignableFrom(field.getType())) {
                throw new IllegalStateException("@HeartbeatTarget " + testClass.getSimpleName() + "." + field.getName()
                        + ": must be a static field of type " + Target.class.getName());
            }
            Object value = ReflectionSupport.tryToReadFieldValue(field, null).toOptional().orElse(null);
            if (value == null) {
                throw new IllegalStateException("@HeartbeatTarget " + testClass.getSimpleName() + "." + field.getName()
                        + ": is null");
            }
            targets.add(narrowed((Target) value, field.getAnnotation(HeartbeatTarget.class).scenarios(),
                    "@HeartbeatTarget(scenarios) " + testClass.getSimpleName() + "." + field.getName() + ": "));
        }
        return targets;
    }

    /**
     * {@code target} checked against {@code selectors} only (within what its spec already says); every selector must
     * pick a cell of it, or the error names the field.
     */
    static Target narrowed(Target target, String[] selectors, String field) {
        if (selectors.length == 0) {
            return target;
        }
        for (String selector : selectors) {
            ScenarioSelection.problemWith(Catalogue.all(), selector, target).ifPresent(problem -> {
                throw new IllegalStateException(field + problem);
            });
        }
        List<String> chosen = Catalogue.all().stream()
                .filter(s -> ScenarioSelection.selects(List.of(selectors), s) && ScenarioSelection.selects(target.scenarios(), s))
                .map(Scenario::id).toList();
        if (chosen.isEmpty()) {
            throw new IllegalStateException(field + List.of(selectors) + " has no scenario in common with the ones its "
                    + "spec names, " + target.scenarios());
        }
        // Exact ids are selectors too; where the spec names none, the annotation's own read better in a report.
        return target.withScenarios(target.scenarios().isEmpty() ? List.of(selectors) : chosen);
    }
}
