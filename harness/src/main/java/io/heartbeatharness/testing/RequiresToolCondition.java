package io.heartbeatharness.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The condition behind {@link RequiresTool}: every named executable must be on {@code PATH}. */
final class RequiresToolCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<RequiresTool> annotation = context.getElement()
                .flatMap(element -> AnnotationSupport.findAnnotation(element, RequiresTool.class));
        if (annotation.isEmpty()) {
            return ConditionEvaluationResult.enabled("no @RequiresTool");
        }
        return Prerequisites.evaluate(missing(annotation.get()));
    }

    static Optional<String> missing(RequiresTool requires) {
        List<String> absent = new ArrayList<>();
        for (String tool : requires.value()) {
            if (Prerequisites.findTool(tool).isEmpty()) {
                absent.add(tool);
            }
        }
        if (absent.isEmpty()) {
            return Optional.empty();
        }
        String reason = String.join(", ", absent) + " not found on PATH";
        return Optional.of(requires.reason().isBlank() ? reason : reason + " (needed to " + requires.reason() + ")");
    }
}
