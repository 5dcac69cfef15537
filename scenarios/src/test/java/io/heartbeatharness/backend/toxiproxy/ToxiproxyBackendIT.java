package io.heartbeatharness.backend.toxiproxy;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.process.ProcessReaper;
import io.heartbeatharness.protocol.Protocol;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.RunResult;
import io.heartbeatharness.scenario.catalogue.Catalogue;
import io.heartbeatharness.run.CellRunner;
import io.heartbeatharness.target.KnownBadTargets;
import io.heartbeatharness.run.MatrixRun;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.target.TargetLaunch;
import io.heartbeatharness.scenario.halfopen.HalfOpen;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The toxiproxy backend end to end, against a Toxiproxy API reached only by URL (the embedded proxy as a separate
 * process: the same calls a real Toxiproxy gets): the half-open and frozen scenarios judged from process logs give
 * the reference implementations PASS and the known-bad variants exactly their FAILs; what Toxiproxy cannot do is
 * UNSUPPORTED; no proxy or process is left behind. One design per way of heartbeating — the server pings (ws-json),
 * the client pings and the server sweeps (line), the kernel probes (tcp-keepalive) — since the toxics a fault makes
 * depend on the fault, not on the bytes: ws-control and idle would repeat ws-json and line on the same toxics.
 */
class ToxiproxyBackendIT {
    /**
     * Cells at once. Four, not KnownBadIT's six: every byte here crosses one more JVM (the API process, shared by
     * all cells), and on 2 cores six cells starved a heartbeat exchange of the whole of its I + T + P window.
     */
    private static final int JOBS = 4;
    private static final List<String> SCENARIOS = List.of("half-open", "frozen-client", "frozen-server", "proxy-idle",
            "latency/below-timeout", "reset/mid-session");

    private static final List<Protocol> HEARTBEAT_WAYS = List.of(Protocol.WS_JSON, Protocol.LINE, Protocol.TCP_KEEPALIVE);

    private static ToxiproxyApiProcess api;
    private static ToxiproxyBackend backend;
    private static RunResult run;
    private static List<Target> knownBad;

    @BeforeAll
    static void runTheCatalogueOnToxiproxyByUrl() {
        api = ToxiproxyApiProcess.start();
        backend = ToxiproxyBackend.atUrl(api.url());
        assertThat(backend.unavailableReason()).isEmpty();
        // The ws-json variants: the other protocols' variants are the same flaws, which KnownBadIT covers.
        knownBad = KnownBadTargets.all().stream().map(KnownBadTargets.Variant::target)
                .filter(t -> t.protocol() == Protocol.WS_JSON)
                .filter(t -> t.name().contains(KnownBad.NEVER_CLOSE.flag()) || t.name().contains(KnownBad.NEVER_PING.flag())
                        || t.name().contains(KnownBad.HASTY_TIMEOUT.flag()))
                .toList();
        List<Target> targets = new ArrayList<>(ReferenceTargets.all().stream()
                .filter(t -> HEARTBEAT_WAYS.contains(t.protocol())).toList());
        targets.addAll(knownBad);
        List<MatrixRun.Planned> cells = new ArrayList<>(MatrixRun.plan(Catalogue.select(SCENARIOS), targets));
        // The latency toxic is the same call for every design; ten intervals of each design would only add minutes.
        cells.removeIf(c -> c.scenario().id().equals("latency/below-timeout") && c.target().protocol() != Protocol.WS_JSON);
        // hasty-timeout waits T / 3 = 167 ms for a pong. Here every byte crosses one more JVM, so on a busy 2-core
        // machine one stall there ends a correct exchange too; which scenarios it passes is KnownBadIT's business
        // (embedded backend). Here it shows that Toxiproxy's latency toxic catches it.
        cells.removeIf(c -> c.target().name().contains(KnownBad.HASTY_TIMEOUT.flag())
                && !c.scenario().id().equals("latency/below-timeout"));
        run = new MatrixRun(RunDefaults.CI_SCALE, Tolerance.DEFAULT, backend).run(cells, 1, JOBS, System.out::println);
    }

    @AfterAll
    static void stopTheApiProcess() {
        if (api != null) {
            api.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> referenceImplementationsPassHalfOpenAndFrozen() {
        return run.cells().stream().filter(c -> !c.scenario().startsWith("proxy-idle"))
                .filter(c -> knownBad.stream().noneMatch(t -> t.name().equals(c.target())))
                .map(cell -> DynamicTest.dynamicTest(cell.scenario() + " [" + cell.target() + "]", () -> {
                    assertThat(cell.verdict()).as(cell.message()).isEqualTo(Verdict.PASS);
                    assertThat(cell.backend()).isEqualTo(ToxiproxyBackend.ID);
                    assertThat(cell.evidence()).isEqualTo(HarnessEvents.EVIDENCE_PROCESS_LOGS);
                }));
    }

    @TestFactory
    Stream<DynamicTest> knownBadVariantsFailExactlyWhatTheyAreBuiltToFail() {
        return KnownBadTargets.all().stream().filter(v -> knownBad.contains(v.target()))
                .map(variant -> DynamicTest.dynamicTest(variant.target().name(), () -> {
                    List<CellResult> mine = run.cells().stream()
                            .filter(c -> c.target().equals(variant.target().name()) && !c.scenario().startsWith("proxy-idle"))
                            .toList();
                    assertThat(mine).isNotEmpty();
                    for (CellResult cell : mine) {
                        Verdict expected = variant.expected().getOrDefault(cell.scenario(), Verdict.PASS);
                        assertThat(cell.verdict()).as("%s [%s]: %s", cell.scenario(), cell.target(), cell.message())
                                .isEqualTo(expected);
                    }
                }));
    }

    @Test
    void proxyIdleNeedsTheEmbeddedProxyAndIsUnsupportedHere() {
        List<CellResult> proxyIdle = run.cells().stream().filter(c -> c.scenario().startsWith("proxy-idle")).toList();
        assertThat(proxyIdle).isNotEmpty().allSatisfy(c -> assertThat(c.verdict()).as(c.message())
                .isIn(Verdict.UNSUPPORTED));
    }

    @Test
    void everyCellRemovedItsProxyAndLeftNoProcess() throws Exception {
        URI url = URI.create(api.url());
        assertThat(new ToxiproxyClient(url.getHost(), url.getPort()).getProxies()).isEmpty();
        // The API process itself is the only process still registered.
        assertThat(ProcessReaper.live()).isEqualTo(1);
    }

    @Test
    void aTargetThatWritesNoEventLogIsUnsupportedOnAPathWithoutATap() {
        Target thirdParty = new Target("third-party ws-json client", Side.CLIENT, Protocol.WS_JSON,
                ReferenceTargets.params(Design.WS_JSON), new TargetLaunch.Address("127.0.0.1", 9));
        CellResult cell = new CellRunner(RunDefaults.CI_SCALE, Tolerance.DEFAULT, backend).run(HalfOpen.both(), thirdParty);
        assertThat(cell.verdict()).as(cell.message()).isEqualTo(Verdict.UNSUPPORTED);
        assertThat(cell.message()).contains("writes no event log");
    }
}
