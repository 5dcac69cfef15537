package io.heartbeatharness.judge;

import io.heartbeatharness.budget.Budget;
import io.heartbeatharness.verdict.Verdict;

import java.util.List;

/**
 * What a scenario's check concluded from a timeline.
 *
 * @param verdict      the grade
 * @param message      "expected … within …, observed …" (or why it could not judge)
 * @param budget       the window the main expectation was judged against, or {@code null}
 * @param detectionMs  fault → detection, or {@code null}
 * @param reconnectMs  heal (or detection) → reconnect, or {@code null}
 * @param faultStartNs monotonic instant the fault began, or {@code null}
 * @param detectionOffsetsMs for fleets: fault → detection of each connection that had to be detected, in ms;
 *                     empty when the scenario watched one connection
 */
public record Judgement(Verdict verdict, String message, Budget budget, Long detectionMs, Long reconnectMs,
                        Long faultStartNs, List<Long> detectionOffsetsMs) {

    public Judgement {
        detectionOffsetsMs = detectionOffsetsMs == null ? List.of() : List.copyOf(detectionOffsetsMs);
    }

    /** A judgement about one connection: no per-connection detection offsets. */
    public Judgement(Verdict verdict, String message, Budget budget, Long detectionMs, Long reconnectMs,
                     Long faultStartNs) {
        this(verdict, message, budget, detectionMs, reconnectMs, faultStartNs, List.of());
    }

    public static Judgement error(String message) {
        return new Judgement(Verdict.ERROR, message, null, null, null, null);
    }

    public static Judgement unsupported(String message) {
        return new Judgement(Verdict.UNSUPPORTED, message, null, null, null, null);
    }
}
