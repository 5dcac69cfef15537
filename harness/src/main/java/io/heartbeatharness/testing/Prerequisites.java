package io.heartbeatharness.testing;

import io.heartbeatharness.process.ToolsOnPath;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The one policy for optional infrastructure (a browser, nginx, root, Docker): a test whose prerequisite is
 * missing is skipped with the reason, except under {@code HARNESS_REQUIRE_ALL=true} — what CI sets — where the
 * same absence is a failure, so a CI machine that lost a tool cannot turn a suite green by skipping it.
 *
 * <p>Annotations such as {@link RequiresTool} are thin conditions over {@link #evaluate}; a check only known
 * inside a test body uses {@link #assume}.
 */
public final class Prerequisites {
    /** The environment variable that turns every skip for a missing prerequisite into a failure. */
    public static final String REQUIRE_ALL = "HARNESS_REQUIRE_ALL";
    /** Prefix of every skip for what a machine cannot do by nature, so a report tells it from a missing tool. */
    public static final String IMPOSSIBLE_HERE = "impossible on this kind of machine: ";

    private Prerequisites() {
    }

    /** Whether {@code HARNESS_REQUIRE_ALL=true} is set. */
    public static boolean requireAll() {
        return "true".equalsIgnoreCase(System.getenv(REQUIRE_ALL));
    }

    /** The first executable called {@code name} on {@code PATH} ({@link ToolsOnPath#find}). */
    public static Optional<Path> findTool(String name) {
        return ToolsOnPath.find(name);
    }

    /**
     * The verdict for an execution condition: enabled when nothing is missing, otherwise disabled with
     * {@code missing} as the reason — or, under {@code HARNESS_REQUIRE_ALL=true}, an {@link AssertionError}.
     */
    public static ConditionEvaluationResult evaluate(Optional<String> missing) {
        return evaluate(missing, requireAll());
    }

    static ConditionEvaluationResult evaluate(Optional<String> missing, boolean requireAll) {
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("prerequisites present");
        }
        if (requireAll) {
            throw new AssertionError(failureMessage(missing.get()));
        }
        return ConditionEvaluationResult.disabled(missing.get());
    }

    /**
     * Inside a test: aborts it (reported as skipped, with the reason) when {@code missing} holds a reason, or
     * fails it under {@code HARNESS_REQUIRE_ALL=true}.
     */
    public static void assume(Optional<String> missing) {
        assume(missing, requireAll());
    }

    static void assume(Optional<String> missing, boolean requireAll) {
        if (missing.isEmpty()) {
            return;
        }
        if (requireAll) {
            throw new AssertionError(failureMessage(missing.get()));
        }
        throw new TestAbortedException(missing.get());
    }

    /**
     * For what a whole kind of machine cannot have by nature — CI has no Docker engine and no registry, so no
     * container image can ever be there: the test is disabled with {@code impossible} as the reason, also under
     * {@code HARNESS_REQUIRE_ALL=true}, which only promises every tool a CI machine can install. Use it for
     * nothing a CI machine could provide.
     */
    public static ConditionEvaluationResult evaluateImpossibleHere(Optional<String> impossible) {
        return impossible.map(reason -> ConditionEvaluationResult.disabled(IMPOSSIBLE_HERE + reason))
                .orElseGet(() -> ConditionEvaluationResult.enabled("possible on this machine"));
    }

    /** Inside a test: aborts it with the reason when {@code impossible} holds one, whatever {@link #requireAll()} says. */
    public static void assumePossibleHere(Optional<String> impossible) {
        if (impossible.isPresent()) {
            throw new TestAbortedException(IMPOSSIBLE_HERE + impossible.get());
        }
    }

    private static String failureMessage(String reason) {
        return reason + "; " + REQUIRE_ALL + "=true turns this skip into a failure";
    }
}
