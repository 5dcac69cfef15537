package io.heartbeatharness.scenario;

import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.report.CellResult;
import io.heartbeatharness.report.RunResult;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every known-bad variant gets exactly the verdicts it is built to get, and passes everything else. */
class KnownBadIT {

    @TestFactory
    Stream<DynamicTest> eachKnownBadVariantFailsExactlyWhatItIsBuiltToFail() {
        return KnownBadTargets.all().stream().map(variant -> DynamicTest.dynamicTest(variant.target().name(), () -> {
            List<MatrixRun.Planned> cells = MatrixRun.plan(Catalogue.all(), List.of(variant.target()));
            RunResult run = new MatrixRun(RunDefaults.CI_SCALE, Tolerance.DEFAULT).run(cells, 1, 4, System.out::println);
            for (CellResult cell : run.cells()) {
                Verdict expected = variant.expected().getOrDefault(cell.scenario(), Verdict.PASS);
                assertThat(cell.verdict()).as("%s [%s]: %s", cell.scenario(), cell.target(), cell.message())
                        .isEqualTo(expected);
            }
            assertThat(run.cells().stream().map(CellResult::scenario))
                    .as("every scenario the variant is built to fail applies to it")
                    .containsAll(variant.expected().keySet());
        }));
    }
}
