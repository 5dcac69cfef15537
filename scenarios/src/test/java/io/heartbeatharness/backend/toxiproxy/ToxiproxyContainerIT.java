package io.heartbeatharness.backend.toxiproxy;

import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.process.ProcessReaper;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.run.CellRunner;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.scenario.halfopen.HalfOpen;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The toxiproxy backend on real Shopify Toxiproxy in a container (Testcontainers, host network). Where no Docker
 * engine answers or the image is not present locally — CI has neither engine nor registry, by nature — it is
 * skipped at once with that reason, also under HARNESS_REQUIRE_ALL.
 */
@ExtendWith(ToxiproxyImagePresent.class)
class ToxiproxyContainerIT {
    private static ToxiproxyBackend backend;

    @BeforeAll
    static void startToxiproxyWhereDockerCan() {
        backend = ToxiproxyBackend.inContainer(ToxiproxyBackend.configuredImage());
    }

    @AfterAll
    static void stopTheContainer() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void realToxiproxyBlackholesBothWaysAndTheReferenceServerClosesWithinBudget() {
        Target server = ReferenceTargets.select(java.util.List.of("ws-json server")).get(0);
        CellResult cell = new CellRunner(RunDefaults.CI_SCALE, Tolerance.DEFAULT, backend).run(HalfOpen.both(), server);
        assertThat(cell.verdict()).as(cell.message()).isEqualTo(Verdict.PASS);
        assertThat(cell.evidence()).isEqualTo("process logs");
        assertThat(ProcessReaper.live()).isZero();
    }

    @Test
    void realToxiproxyHealsAHalfOpenLinkAndTheReferenceClientReconnects() {
        Target client = ReferenceTargets.select(java.util.List.of("ws-json client")).get(0);
        CellResult cell = new CellRunner(RunDefaults.CI_SCALE, Tolerance.DEFAULT, backend).run(HalfOpen.both(), client);
        assertThat(cell.verdict()).as(cell.message()).isEqualTo(Verdict.PASS);
        assertThat(cell.timeline()).anyMatch(e -> e.is(HarnessEvents.PATH_CLOSES_CONNECTIONS));
    }
}
