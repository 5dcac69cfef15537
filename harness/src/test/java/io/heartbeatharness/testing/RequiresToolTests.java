package io.heartbeatharness.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.opentest4j.TestAbortedException;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

class RequiresToolTests {

    private static TestExecutionSummary run(Class<?> testClass) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), listener);
        return listener.getSummary();
    }

    @Test
    void aMissingToolDisablesTheTestWithTheReason() {
        ConditionEvaluationResult result = Prerequisites.evaluate(Optional.of("nginx not found on PATH"), false);
        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).contains("nginx not found on PATH");
    }

    @Test
    void underRequireAllAMissingToolIsAFailureNotASkip() {
        assertThatThrownBy(() -> Prerequisites.evaluate(Optional.of("nginx not found on PATH"), true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("nginx not found on PATH")
                .hasMessageContaining("HARNESS_REQUIRE_ALL=true");
    }

    @Test
    void nothingMissingEnablesTheTestEitherWay() {
        assertThat(Prerequisites.evaluate(Optional.empty(), true).isDisabled()).isFalse();
        assertThat(Prerequisites.evaluate(Optional.empty(), false).isDisabled()).isFalse();
    }

    @Test
    void assumeAbortsOrFailsInsideATest() {
        assertThatThrownBy(() -> Prerequisites.assume(Optional.of("not root"), false))
                .isInstanceOf(TestAbortedException.class).hasMessage("not root");
        assertThatThrownBy(() -> Prerequisites.assume(Optional.of("not root"), true))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void whatAMachineCannotDoByNatureIsSkippedEvenUnderRequireAll() {
        ConditionEvaluationResult result = Prerequisites.evaluateImpossibleHere(Optional.of("no Docker engine"));
        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).contains(Prerequisites.IMPOSSIBLE_HERE + "no Docker engine");
        assertThatThrownBy(() -> Prerequisites.assumePossibleHere(Optional.of("no Docker engine")))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("no Docker engine");
        assertThat(Prerequisites.evaluateImpossibleHere(Optional.empty()).isDisabled()).isFalse();
    }

    @Test
    void findsExecutablesOnThePath() {
        assertThat(Prerequisites.findTool("sh")).isPresent();
        assertThat(Prerequisites.findTool("no-such-tool-7f3a")).isEmpty();
    }

    @Test
    void aTestNeedingAMissingToolIsSkippedOrUnderRequireAllFailed() {
        TestExecutionSummary summary = run(RequiresToolFixture.MissingTool.class);
        if (Prerequisites.requireAll()) {
            assertThat(summary.getTestsFailedCount()).isEqualTo(1);
            assertThat(summary.getFailures().get(0).getException())
                    .hasMessageContaining("no-such-tool-7f3a not found on PATH (needed to prove the condition)");
        } else {
            assertThat(summary.getTestsSkippedCount()).isEqualTo(1);
            assertThat(summary.getTestsSucceededCount()).isZero();
        }
    }

    @Test
    void aTestWhoseToolsArePresentRuns() {
        TestExecutionSummary summary = run(RequiresToolFixture.PresentTool.class);
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
    }
}
