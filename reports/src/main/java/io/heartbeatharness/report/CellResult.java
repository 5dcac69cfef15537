package io.heartbeatharness.report;

import io.heartbeatharness.timeline.TimelineEvent;
import io.heartbeatharness.verdict.Verdict;

import java.util.List;

/**
 * Everything one cell produced: what ran, the verdict and its sentence, the budget and the observed times,
 * and the timeline they were judged from.
 *
 * @param scenario      scenario id, e.g. {@code half-open/both}
 * @param requirement   MUST or SHOULD
 * @param target        target name, e.g. {@code ws-json server}
 * @param backend       fault backend, e.g. {@code embedded}
 * @param verdict       the grade
 * @param message       "expected … within …, observed …", or the reason for ERROR / UNSUPPORTED
 * @param budgetMs      the budget the main expectation was judged against, or {@code null}
 * @param budgetFormula how the budget was derived
 * @param detectionMs   fault start → detection, or {@code null} when not applicable or not observed
 * @param reconnectMs   fault end (or detection) → reconnect, or {@code null}
 * @param scale         time scale of the run
 * @param toleranceMs   tolerance included in every budget
 * @param faultStartNs  monotonic instant the fault began, or {@code null}
 * @param elapsedMs     wall time the cell took
 * @param timeline      the evidence
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
        List<TimelineEvent> timeline) {

    public CellResult {
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    /** A stable file-name-safe id, e.g. {@code half-open-both__ws-json-server__embedded}. */
    public String slug() {
        return slugOf(scenario) + "__" + slugOf(target) + "__" + slugOf(backend);
    }

    private static String slugOf(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
