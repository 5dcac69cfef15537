package io.heartbeatharness.result;

import io.heartbeatharness.verdict.Verdict;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One cell of the matrix — a scenario against a target on a backend — with every repetition that ran: its
 * verdict is the worst of theirs, its times are distributions over them.
 *
 * @param id          file-name-safe id, unique within the run ({@code cells/<id>.html})
 * @param repetitions the runs, ordered by repetition
 */
public record MatrixCell(String id, List<CellResult> repetitions) {

    /** Worst first: a failure proven by evidence outranks one the harness could not judge (Jepsen's rule). */
    private static final List<Verdict> WORST_FIRST =
            List.of(Verdict.FAIL, Verdict.ERROR, Verdict.NON_STRICT, Verdict.UNSUPPORTED, Verdict.PASS);

    public MatrixCell {
        Objects.requireNonNull(id, "id");
        if (repetitions == null || repetitions.isEmpty()) {
            throw new IllegalArgumentException("repetitions must hold at least one run of the cell " + id);
        }
        repetitions = repetitions.stream().sorted(Comparator.comparingInt(CellResult::repetition)).toList();
    }

    public String scenario() {
        return first().scenario();
    }

    public String requirement() {
        return first().requirement();
    }

    public String target() {
        return first().target();
    }

    public String backend() {
        return first().backend();
    }

    /** The worst verdict over the repetitions. */
    public Verdict verdict() {
        return decisive().verdict();
    }

    /** The first repetition with the worst verdict: its sentence, budget and timeline speak for the cell. */
    public CellResult decisive() {
        return repetitions.stream().min(Comparator.comparingInt(c -> WORST_FIRST.indexOf(c.verdict()))).orElseThrow();
    }

    /** Fault → detection over the repetitions that observed one. */
    public Optional<Distribution> detection() {
        return Distribution.of(repetitions.stream().map(CellResult::detectionMs).toList());
    }

    /** Reconnect times over the repetitions that observed one. */
    public Optional<Distribution> reconnect() {
        return Distribution.of(repetitions.stream().map(CellResult::reconnectMs).toList());
    }

    /** The slowest detection (the figure the budget has to hold for), or {@code null}. */
    public Long detectionMs() {
        return repetitions.stream().map(CellResult::detectionMs).filter(Objects::nonNull).max(Long::compare).orElse(null);
    }

    /** The slowest reconnect, or {@code null}. */
    public Long reconnectMs() {
        return repetitions.stream().map(CellResult::reconnectMs).filter(Objects::nonNull).max(Long::compare).orElse(null);
    }

    private CellResult first() {
        return repetitions.get(0);
    }
}
