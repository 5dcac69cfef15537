package io.heartbeatharness.result;

import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.Timeline;
import io.heartbeatharness.timeline.TimelineEvent;
import io.heartbeatharness.verdict.Verdict;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything one run of a cell produced: what ran, the verdict and its sentence, the budget and the observed
 * times, and the timeline they were judged from. A run that repeats cells holds several of these for the same
 * scenario, target and backend, told apart by {@code repetition}; {@link MatrixCell} groups them.
 *
 * @param scenario           scenario id, e.g. {@code half-open/both}
 * @param requirement        MUST or SHOULD
 * @param target             target name, e.g. {@code ws-json server}
 * @param backend            fault backend, e.g. {@code embedded}
 * @param verdict            the grade
 * @param message            "expected … within …, observed …", or the reason for ERROR / UNSUPPORTED
 * @param budgetMs           the budget the main expectation was judged against, or {@code null}
 * @param budgetFormula      how the budget was derived
 * @param detectionMs        fault start → detection, or {@code null} when not applicable or not observed
 * @param reconnectMs        fault end (or detection) → reconnect, or {@code null}
 * @param scale              time scale of the run
 * @param toleranceMs        tolerance included in every budget
 * @param faultStartNs       monotonic instant the fault began, or {@code null}
 * @param elapsedMs          wall time the cell took
 * @param timeline           the evidence
 * @param repetition         which repetition of the cell this is, from 1
 * @param reconnectOffsetsMs for storm runs: when each connection was re-established, in ms after the fault
 *                           (the kill); empty when the scenario measured none (the report then derives them from
 *                           the timeline, see {@link ReconnectSpread})
 * @param description        the scenario's one-sentence fault, or {@code null}
 * @param expectation        the scenario's one-sentence expectation, or {@code null}
 * @param detectionOffsetsMs for fleet runs: when each connection that had to be detected was closed, in ms after
 *                           the fault; empty when the scenario watched a single connection
 */
public record CellResult(
        String scenario,
        String requirement,
        String target,
        String backend,
        Verdict verdict,
        String message,
        Long budgetMs,
        String budgetFormula,
        Long detectionMs,
        Long reconnectMs,
        double scale,
        long toleranceMs,
        Long faultStartNs,
        long elapsedMs,
        List<TimelineEvent> timeline,
        int repetition,
        List<Long> reconnectOffsetsMs,
        String description,
        String expectation,
        List<Long> detectionOffsetsMs) {

    public CellResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(verdict, "verdict");
        if (repetition < 1) {
            throw new IllegalArgumentException("repetition must be 1 or more, got " + repetition);
        }
        timeline = timeline == null ? List.of() : Timeline.compact(timeline);
        reconnectOffsetsMs = reconnectOffsetsMs == null ? List.of() : List.copyOf(reconnectOffsetsMs);
        detectionOffsetsMs = detectionOffsetsMs == null ? List.of() : List.copyOf(detectionOffsetsMs);
    }

    /** A run with no per-connection detection offsets (every scenario that watches a single connection). */
    public CellResult(String scenario, String requirement, String target, String backend, Verdict verdict,
                      String message, Long budgetMs, String budgetFormula, Long detectionMs, Long reconnectMs,
                      double scale, long toleranceMs, Long faultStartNs, long elapsedMs,
                      List<TimelineEvent> timeline, int repetition, List<Long> reconnectOffsetsMs,
                      String description, String expectation) {
        this(scenario, requirement, target, backend, verdict, message, budgetMs, budgetFormula, detectionMs,
                reconnectMs, scale, toleranceMs, faultStartNs, elapsedMs, timeline, repetition, reconnectOffsetsMs,
                description, expectation, List.of());
    }

    /** A single run (repetition 1) with no measured reconnect spread and no scenario text. */
    public CellResult(String scenario, String requirement, String target, String backend, Verdict verdict,
                      String message, Long budgetMs, String budgetFormula, Long detectionMs, Long reconnectMs,
                      double scale, long toleranceMs, Long faultStartNs, long elapsedMs,
                      List<TimelineEvent> timeline) {
        this(scenario, requirement, target, backend, verdict, message, budgetMs, budgetFormula, detectionMs,
                reconnectMs, scale, toleranceMs, faultStartNs, elapsedMs, timeline, 1, List.of(), null, null);
    }

    public CellResult withRepetition(int repetition) {
        return new CellResult(scenario, requirement, target, backend, verdict, message, budgetMs, budgetFormula,
                detectionMs, reconnectMs, scale, toleranceMs, faultStartNs, elapsedMs, timeline, repetition,
                reconnectOffsetsMs, description, expectation, detectionOffsetsMs);
    }

    public CellResult withReconnectOffsetsMs(List<Long> offsets) {
        return new CellResult(scenario, requirement, target, backend, verdict, message, budgetMs, budgetFormula,
                detectionMs, reconnectMs, scale, toleranceMs, faultStartNs, elapsedMs, timeline, repetition,
                offsets, description, expectation, detectionOffsetsMs);
    }

    public CellResult withDetectionOffsetsMs(List<Long> offsets) {
        return new CellResult(scenario, requirement, target, backend, verdict, message, budgetMs, budgetFormula,
                detectionMs, reconnectMs, scale, toleranceMs, faultStartNs, elapsedMs, timeline, repetition,
                reconnectOffsetsMs, description, expectation, offsets);
    }

    /** The same run with another verdict and sentence: what the runner concluded when the harness itself stalled. */
    public CellResult withVerdict(Verdict value, String sentence) {
        return new CellResult(scenario, requirement, target, backend, value, sentence, budgetMs, budgetFormula,
                detectionMs, reconnectMs, scale, toleranceMs, faultStartNs, elapsedMs, timeline, repetition,
                reconnectOffsetsMs, description, expectation, detectionOffsetsMs);
    }

    /** Copies the scenario's description and expectation, shown on the cell's page. */
    public CellResult withScenarioText(String description, String expectation) {
        return new CellResult(scenario, requirement, target, backend, verdict, message, budgetMs, budgetFormula,
                detectionMs, reconnectMs, scale, toleranceMs, faultStartNs, elapsedMs, timeline, repetition,
                reconnectOffsetsMs, description, expectation, detectionOffsetsMs);
    }

    /**
     * Which evidence the verdict was judged from, as the cell's fault path declared it on the timeline, or
     * {@code null} when the cell never got as far as a fault path.
     */
    public String evidence() {
        return timeline.stream().filter(e -> e.source().equals(Sources.HARNESS) && e.is(HarnessEvents.FAULT_PATH))
                .map(e -> e.str("evidence")).findFirst().orElse(null);
    }

    /** A stable file-name-safe id, e.g. {@code half-open-both__ws-json-server__embedded}. */
    public String slug() {
        return slugOf(scenario) + "__" + slugOf(target) + "__" + slugOf(backend);
    }

    static String slugOf(String text) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "x" : slug;
    }
}
