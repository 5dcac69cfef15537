package io.heartbeatharness.backend.toxiproxy;

import io.heartbeatharness.testing.Prerequisites;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Enables a test only where a Docker engine answers and the Toxiproxy image is present locally; elsewhere it is
 * disabled at once with the reason — a machine without an engine or registry cannot have it, so not even
 * HARNESS_REQUIRE_ALL turns this into a failure.
 */
final class ToxiproxyImagePresent implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String image = ToxiproxyBackend.configuredImage();
        return Prerequisites.evaluateImpossibleHere(DockerImages.unavailableReason(image)
                .map(reason -> "Toxiproxy image " + image + ": " + reason));
    }
}
