package io.heartbeatharness.result;

import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatrixCellTests {

    private static CellResult run(String target, int repetition, Verdict verdict, Long detectionMs) {
        return new CellResult("half-open/both", "MUST", target, "embedded", verdict, verdict + " run " + repetition,
                3650L, "I + T + P + tol", detectionMs, null, 0.1, 150, null, 0, List.of()).withRepetition(repetition);
    }

    private static RunResult runOf(CellResult... cells) {
        return new RunResult(Instant.EPOCH, "dev", "17", 0.1, 150, List.of(cells));
    }

    @Test
    void repetitionsOfTheSameCellBecomeOneMatrixCell() {
        RunResult run = runOf(run("a", 2, Verdict.PASS, 3400L), run("b", 1, Verdict.PASS, 3000L),
                run("a", 1, Verdict.PASS, 3500L));
        assertThat(run.matrix()).hasSize(2);
        MatrixCell a = run.matrix().get(0);
        assertThat(a.target()).isEqualTo("a");
        assertThat(a.repetitions()).extracting(CellResult::repetition).containsExactly(1, 2);
    }

    @Test
    void theVerdictIsTheWorstOfTheRepetitionsAndAProvenFailureOutranksAnError() {
        MatrixCell cell = runOf(run("a", 1, Verdict.PASS, 1L), run("a", 2, Verdict.ERROR, null),
                run("a", 3, Verdict.FAIL, 9L), run("a", 4, Verdict.NON_STRICT, 2L)).matrix().get(0);
        assertThat(cell.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(cell.decisive().message()).isEqualTo("FAIL run 3");
        assertThat(runOf(run("a", 1, Verdict.PASS, 1L), run("a", 2, Verdict.UNSUPPORTED, null)).matrix().get(0)
                .verdict()).isEqualTo(Verdict.UNSUPPORTED);
        assertThat(runOf(run("a", 1, Verdict.NON_STRICT, 1L), run("a", 2, Verdict.ERROR, null)).matrix().get(0)
                .verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void theFirstOfEquallyBadRepetitionsSpeaksForTheCell() {
        MatrixCell cell = runOf(run("a", 2, Verdict.FAIL, 5L), run("a", 1, Verdict.FAIL, 4L)).matrix().get(0);
        assertThat(cell.decisive().repetition()).isEqualTo(1);
    }

    @Test
    void timesAreTheSlowestAndDistributionsSkipRunsThatObservedNothing() {
        MatrixCell cell = runOf(run("a", 1, Verdict.PASS, 3400L), run("a", 2, Verdict.FAIL, null),
                run("a", 3, Verdict.PASS, 3600L)).matrix().get(0);
        assertThat(cell.detectionMs()).isEqualTo(3600L);
        assertThat(cell.detection()).contains(new Distribution(2, 3400, 3400, 3600, 3600));
        assertThat(cell.reconnectMs()).isNull();
        assertThat(cell.reconnect()).isEmpty();
    }

    @Test
    void namesThatReduceToTheSameSlugStillGetTheirOwnPages() {
        RunResult run = runOf(run("ws-json server", 1, Verdict.PASS, 1L), run("ws json server", 1, Verdict.PASS, 1L));
        assertThat(run.matrix()).extracting(MatrixCell::id)
                .containsExactly("half-open-both__ws-json-server__embedded", "half-open-both__ws-json-server__embedded-2");
    }

    @Test
    void aRepetitionCountsFromOne() {
        assertThatThrownBy(() -> run("a", 0, Verdict.PASS, 1L)).hasMessage("repetition must be 1 or more, got 0");
    }

    @Test
    void mergingShardsKeepsTheEarliestStartAndRefusesOverlaps() {
        RunResult first = new RunResult(Instant.parse("2025-01-01T10:00:00Z"), "dev", "17", 0.1, 150,
                List.of(run("b", 1, Verdict.PASS, 1L)));
        RunResult second = new RunResult(Instant.parse("2025-01-01T09:59:00Z"), "dev", "17", 0.1, 150,
                List.of(run("a", 1, Verdict.PASS, 1L)));
        RunResult merged = RunResult.merge(List.of(first, second));
        assertThat(merged.startedAt()).isEqualTo(Instant.parse("2025-01-01T09:59:00Z"));
        assertThat(merged.cells()).extracting(CellResult::target).containsExactly("a", "b");
        RunResult otherTolerance = new RunResult(Instant.EPOCH, "dev", "17", 0.1, 200, List.of());
        assertThatThrownBy(() -> RunResult.merge(List.of(first, otherTolerance)))
                .hasMessage("tolerance_ms: shards disagree (150 and 200)");
        assertThatThrownBy(() -> RunResult.merge(List.of(first, first)))
                .hasMessage("two shards ran half-open/both [b, embedded] repetition 1");
    }
}
