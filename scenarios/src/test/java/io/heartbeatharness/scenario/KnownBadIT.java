package io.heartbeatharness.scenario;

import io.heartbeatharness.cell.CellAdmission;
import io.heartbeatharness.run.MatrixRun;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.scenario.catalogue.Catalogue;
import io.heartbeatharness.target.KnownBadTargets;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.RunResult;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every known-bad variant gets exactly the verdicts it is built to get, and passes everything else. */
class KnownBadIT {
    /**
     * Four at once, as the CLI runs them by default: the condition scripts/flakiness.sh measures. Storm and fleet
     * cells still run alone ({@link CellAdmission}).
     */
    private static final int JOBS = RunDefaults.JOBS;
    private static RunResult run;

    @BeforeAll
    static void runEveryVariantAgainstTheWholeCatalogue() {
        List<MatrixRun.Planned> cells = new ArrayList<>();
        KnownBadTargets.all().forEach(v -> cells.addAll(MatrixRun.plan(scenariosFor(v), List.of(v.target()))));
        run = new MatrixRun(RunDefaults.CI_SCALE, Tolerance.DEFAULT).run(cells, 1, JOBS, System.out::println);
    }

    /**
     * The whole catalogue for the variants of the default run's designs, but for a cell the variant must pass that
     * lasts over {@link #LONG_PASS} at CI scale (latency/below-timeout is ten intervals: 133 s for the variant whose
     * interval is above the proxy's timeout, which alone would set this class's length). The socket.io and mqtt
     * variants make the same mistakes in another protocol: they run the cells they must fail that take seconds, not
     * minutes (no NAT, proxy or fleet cell), and reset/mid-session, which they must pass. {@code check --target NAME}
     * runs every variant whole.
     */
    private static List<Scenario> scenariosFor(KnownBadTargets.Variant variant) {
        boolean defaultDesign = ReferenceTargets.all().stream()
                .anyMatch(t -> t.protocol().equals(variant.target().protocol()));
        if (defaultDesign) {
            HeartbeatParams scaled = variant.target().params().scaled(RunDefaults.CI_SCALE);
            return Catalogue.all().stream().filter(s -> variant.expected().containsKey(s.id())
                    || s.expectedDuration(scaled, RunDefaults.CI_SCALE, Tolerance.DEFAULT).compareTo(LONG_PASS) <= 0)
                    .toList();
        }
        return Catalogue.all().stream().filter(s -> s.id().equals(CONTROL) || variant.expected().containsKey(s.id())
                && !s.id().startsWith("nat-idle/") && !s.id().startsWith("proxy-idle/") && !s.id().startsWith("fleet/"))
                .toList();
    }

    private static final String CONTROL = "reset/mid-session";
    private static final Duration LONG_PASS = Duration.ofSeconds(60);

    @TestFactory
    Stream<DynamicTest> eachKnownBadVariantFailsExactlyWhatItIsBuiltToFail() {
        return KnownBadTargets.all().stream().map(variant -> DynamicTest.dynamicTest(variant.target().name(), () -> {
            List<CellResult> mine = run.cells().stream().filter(c -> c.target().equals(variant.target().name())).toList();
            List<String> planned = scenariosFor(variant).stream().map(Scenario::id).toList();
            List<String> mustFail = variant.expected().keySet().stream().filter(planned::contains).toList();
            assertThat(mustFail).as("the variant runs cells it must fail").isNotEmpty();
            assertThat(mine.stream().map(CellResult::scenario))
                    .as("every scenario the variant is built to fail applies to it").containsAll(mustFail);
            for (CellResult cell : mine) {
                Verdict expected = variant.expected().getOrDefault(cell.scenario(), Verdict.PASS);
                assertThat(cell.verdict()).as("%s [%s]: %s", cell.scenario(), cell.target(), cell.message())
                        .isEqualTo(expected);
            }
        }));
    }
}
