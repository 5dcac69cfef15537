package io.heartbeatharness.examples;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.nginx.Nginx;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.RunResult;
import io.heartbeatharness.scenario.catalogue.Catalogue;
import io.heartbeatharness.cell.FaultPhase;
import io.heartbeatharness.run.MatrixRun;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.spec.TargetSpecs;
import io.heartbeatharness.testing.Prerequisites;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open corpus (docs/corpus.md): real third-party heartbeats — a Node.js client on {@code ws} with the README's
 * client-side heartbeat, aiohttp 3.8's server and client {@code heartbeat=}, tornado 6.2's
 * {@code websocket_ping_interval} / {@code websocket_ping_timeout}, socket.io 4, mosquitto 2.0 (MQTT 3.1.1 and 5),
 * Moquette 0.17 and Eclipse Paho 1.2.5 — each graded through an honest spec, which
 * declares the bound the library really keeps, and a tight copy of it, which runs the same program but declares a
 * bound the library does not keep.
 *
 * <p>Every honest spec must PASS every cell planned for it, at the worst phase and at random phases. Every tight copy
 * must FAIL every bound cell — the {@code half-open/*} and {@code frozen-*} cells, whose fault starts right after the
 * target's own heartbeat exchange, so that it needs its whole real detection time — and PASS a reset, which no
 * detection budget judges. ({@code fleet/frozen-subset} is judged by the same budget but freezes its peers wherever
 * each connection stands in its interval, so a tight copy may get either verdict there: it is not run for them.)
 */
class CorpusIT {
    private static final Path EXAMPLES = Path.of("..", "examples");
    /** Each implementation: its honest spec and its tight copy. */
    private static final List<Pair> CORPUS = List.of(
            new Pair("node-ws/node-ws-client.yaml", "node-ws/node-ws-client-tight.yaml"),
            new Pair("python-aiohttp/aiohttp-server.yaml", "python-aiohttp/aiohttp-server-tight.yaml"),
            new Pair("python-aiohttp/aiohttp-client.yaml", "python-aiohttp/aiohttp-client-tight.yaml"),
            new Pair("python-tornado/tornado-server.yaml", "python-tornado/tornado-server-tight.yaml"),
            new Pair("node-socketio/socketio-server.yaml", "node-socketio/socketio-server-tight.yaml"),
            new Pair("mqtt-mosquitto/mosquitto-broker.yaml", "mqtt-mosquitto/mosquitto-broker-tight.yaml"),
            new Pair("java-mqtt/moquette-broker.yaml", "java-mqtt/moquette-broker-tight.yaml"),
            new Pair("java-mqtt/paho-client.yaml", "java-mqtt/paho-client-tight.yaml"),
            Pair.boundOnly("mqtt-mosquitto/mosquitto-broker-mqtt5.yaml", "mqtt-mosquitto/mosquitto-broker-mqtt5-tight.yaml"));
    /**
     * Implementations with an honest spec only: a socket.io client keeps whatever heartbeat its server announces, so no
     * copy of it can declare less than it keeps.
     */
    private static final List<String> HONEST_ONLY = List.of("node-socketio/socketio-client.yaml");
    /** The library versions whose behaviour the specs declare (docs/corpus.md quotes their sources). */
    private static final String AIOHTTP_VERSION = "3.8.";
    private static final String TORNADO_VERSION = "6.2";
    /** Cells mostly wait on timers: ten at once, as in NodeWsServerIT. */
    private static final int JOBS = 10;
    /**
     * How far past its declared I + T + P a tight copy's observed detection must come: the tolerance and then some,
     * so that its FAIL is never a matter of a late timer (the specs leave at least 1.1 s).
     */
    private static final long TIGHT_MARGIN_MS = Tolerance.DEFAULT.millis() + 600;

    /**
     * @param boundOnly the honest spec too runs only the bound cells and the control: a twin of another entry whose
     *                  long interval (mosquitto's Server Keep Alive is at least 10 s) would hold CI back by minutes in
     *                  the cells that entry already covers
     */
    private record Pair(String honest, String tight, boolean boundOnly) {
        Pair(String honest, String tight) {
            this(honest, tight, false);
        }

        static Pair boundOnly(String honest, String tight) {
            return new Pair(honest, tight, true);
        }
    }

    private static final List<Target> honest = new ArrayList<>();
    private static final List<Target> tight = new ArrayList<>();
    private static RunResult run;

    @BeforeAll
    static void runTheCatalogueAgainstTheCorpus() {
        Prerequisites.assume(missing());
        List<Target> boundOnly = new ArrayList<>();
        for (Pair pair : CORPUS) {
            honest.add(TargetSpecs.load(EXAMPLES.resolve(pair.honest())));
            tight.add(TargetSpecs.load(EXAMPLES.resolve(pair.tight())));
            if (pair.boundOnly()) {
                boundOnly.add(honest.get(honest.size() - 1));
            }
        }
        HONEST_ONLY.forEach(spec -> honest.add(TargetSpecs.load(EXAMPLES.resolve(spec))));
        // A tight copy differs from its twin only in what it declares: beyond the bound cells, one cell that is not
        // judged by the detection budget (a reset) shows it is not failed wholesale; the rest its twin covers.
        // fleet/frozen-subset runs alone, for half a minute a cell: NodeWsServerIT and FleetFrozenSubsetIT give it a
        // third-party and a reference server; here it would hold CI back by a minute and a half.
        List<Scenario> catalogue = Catalogue.all().stream().filter(s -> !s.id().equals(FLEET)).toList();
        List<Scenario> boundAndControl = catalogue.stream()
                .filter(s -> boundCell(s.id()) || s.id().equals(TIGHT_CONTROL)).toList();
        List<Target> whole = honest.stream().filter(t -> !boundOnly.contains(t)).toList();
        List<MatrixRun.Planned> cells = new ArrayList<>(MatrixRun.plan(catalogue, whole));
        cells.addAll(MatrixRun.plan(boundAndControl, boundOnly));
        cells.addAll(MatrixRun.plan(boundAndControl, tight));
        run = new MatrixRun(RunDefaults.CI_SCALE, Tolerance.DEFAULT).run(cells, 1, JOBS, System.out::println);
        // And at random phases: an honest spec holds wherever in its interval the fault falls.
        randomPhases = new MatrixRun(RunDefaults.CI_SCALE, Tolerance.DEFAULT).withPhase(FaultPhase.RANDOM)
                .run(MatrixRun.plan(Catalogue.select(List.of("half-open/both")), whole), RANDOM_REPEATS, JOBS,
                        System.out::println);
    }

    private static final String FLEET = "fleet/frozen-subset";
    /** The cell a tight copy runs besides its bound cells: not judged by the detection budget. */
    private static final String TIGHT_CONTROL = "reset/mid-session";
    /** Repetitions at random phases (the issue's {@code --repeat 5}). */
    private static final int RANDOM_REPEATS = 5;
    private static RunResult randomPhases;

    private static Optional<String> missing() {
        if (Prerequisites.findTool("node").isEmpty()) {
            return Optional.of("node is not on PATH: the ws client runs on Node.js");
        }
        if (!Files.isDirectory(EXAMPLES.resolve("node-ws").resolve("node_modules").resolve("ws"))) {
            return Optional.of("examples/node-ws/node_modules/ws is missing: run 'npm ci' in examples/node-ws");
        }
        if (!Files.isDirectory(EXAMPLES.resolve("node-socketio").resolve("node_modules").resolve("socket.io"))) {
            return Optional.of("examples/node-socketio/node_modules/socket.io is missing: run 'npm ci' in examples/node-socketio");
        }
        if (Prerequisites.findTool("mosquitto").isEmpty() && !Files.isExecutable(Path.of("/usr/sbin/mosquitto"))) {
            return Optional.of("mosquitto is not installed: the MQTT broker of the corpus (Debian: apt-get install mosquitto)");
        }
        if (!Files.isDirectory(EXAMPLES.resolve("java-mqtt").resolve("target").resolve("lib"))) {
            return Optional.of("examples/java-mqtt/target/lib is missing: run 'mvn -B -q -f examples/java-mqtt/pom.xml package'");
        }
        if (Prerequisites.findTool("python3").isEmpty()) {
            return Optional.of("python3 is not on PATH: the aiohttp and tornado examples run on it");
        }
        // The specs start "python3" from PATH: that interpreter must import the versions the specs declare.
        String probe = "import aiohttp, tornado; print(aiohttp.__version__, tornado.version)";
        String versions = python3(probe).orElse("");
        String[] words = versions.trim().split("\\s+");
        if (words.length != 2 || !words[0].startsWith(AIOHTTP_VERSION) || !words[1].startsWith(TORNADO_VERSION)) {
            return Optional.of("the python3 on PATH (" + Prerequisites.findTool("python3").get() + ") must import "
                    + "aiohttp " + AIOHTTP_VERSION + "x and tornado " + TORNADO_VERSION + " (Debian: apt-get install "
                    + "python3-aiohttp python3-tornado); it answered '" + lastLine(versions) + "'");
        }
        return Optional.empty();
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\\R");
        return lines[lines.length - 1].strip();
    }

    /** What {@code python3 -c code} prints (stdout and stderr), or empty when it cannot be run. */
    private static Optional<String> python3(String code) {
        try {
            Process process = new ProcessBuilder("python3", "-c", code).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static List<CellResult> cellsOf(Target target) {
        return run.cells().stream().filter(c -> c.target().equals(target.name())).toList();
    }

    private static Set<String> scenariosOf(Target target) {
        return cellsOf(target).stream().map(CellResult::scenario).collect(Collectors.toSet());
    }

    /** Whether the cell judges detection against the declared I + T + P from the worst phase: right after an exchange. */
    private static boolean boundCell(String scenario) {
        return scenario.startsWith("half-open/") || scenario.startsWith("frozen-");
    }

    /** PASS, except that proxy-idle is UNSUPPORTED where nginx is missing (which CI does not allow). */
    private static Verdict passUnlessNginxIsMissing(String scenario) {
        return scenario.startsWith("proxy-idle/") && Nginx.unavailableReason().isPresent() ? Verdict.UNSUPPORTED : Verdict.PASS;
    }

    private static String verdicts(List<CellResult> cells) {
        return cells.stream().map(c -> c.scenario() + " " + c.verdict() + ": " + c.message())
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    /**
     * A tight copy is its twin's program under the same heartbeat model and interval, declaring no more than the twin
     * does (less, or the same while its program keeps a longer timer: see node-ws-client-tight.yaml).
     */
    @Test
    void eachTightCopyIsItsTwinWithTheSameModelAndInterval() {
        for (int i = 0; i < CORPUS.size(); i++) {
            Target good = honest.get(i);
            Target copy = tight.get(i);
            assertThat(copy.name()).isEqualTo(good.name() + " (tight)");
            assertThat(copy.role()).isEqualTo(good.role());
            assertThat(copy.protocol()).isEqualTo(good.protocol());
            assertThat(copy.model()).as(copy.name()).isEqualTo(good.model());
            assertThat(copy.params().interval()).as(copy.name()).isEqualTo(good.params().interval());
            assertThat(copy.clientKeepAlive()).as(copy.name()).isEqualTo(good.clientKeepAlive());
            assertThat(detectionBound(copy.params())).as(copy.name()).isLessThanOrEqualTo(detectionBound(good.params()));
        }
    }

    private static long detectionBound(HeartbeatParams declared) {
        HeartbeatParams p = declared.scaled(RunDefaults.CI_SCALE);
        return p.interval().plus(p.timeout()).plus(p.sweepPeriod()).toMillis();
    }

    @Test
    void everyImplementationIsJudgedOnItsDetectionBudget() {
        for (int i = 0; i < CORPUS.size(); i++) {
            Target good = honest.get(i);
            Target copy = tight.get(i);
            assertThat(scenariosOf(good)).as(good.name()).isNotEmpty();
            // The twins differ only in what they declare: the same bound cells apply to both.
            assertThat(scenariosOf(copy)).as(copy.name()).isEqualTo(scenariosOf(good).stream()
                    .filter(s -> boundCell(s) || s.equals(TIGHT_CONTROL)).collect(Collectors.toSet()));
            assertThat(scenariosOf(copy)).as("%s: cells judged by the detection budget", copy.name())
                    .anyMatch(CorpusIT::boundCell);
        }
    }

    @Test
    void everyHonestSpecPassesAtRandomPhasesToo() {
        assertThat(randomPhases.cells()).hasSize((honest.size() - (int) CORPUS.stream().filter(Pair::boundOnly).count())
                * RANDOM_REPEATS);
        for (CellResult cell : randomPhases.cells()) {
            assertThat(cell.verdict()).as("%s, %s: %s", cell.target(), cell.scenario(), cell.message())
                    .isEqualTo(Verdict.PASS);
            assertThat(cell.timeline()).anyMatch(e -> e.is(HarnessEvents.PHASE_OFFSET));
        }
    }

    @Test
    void everyHonestSpecPassesEveryCellPlannedForIt() {
        for (Target target : honest) {
            List<CellResult> cells = cellsOf(target);
            for (CellResult cell : cells) {
                assertThat(cell.verdict()).as("%s, %s: %s%s", target.name(), cell.scenario(), cell.message(),
                        verdicts(cells)).isEqualTo(passUnlessNginxIsMissing(cell.scenario()));
            }
        }
    }

    @Test
    void everyTightCopyFailsEveryBoundCellAndNoOther() {
        for (Target target : tight) {
            List<CellResult> cells = cellsOf(target);
            for (CellResult cell : cells) {
                Verdict expected = boundCell(cell.scenario()) ? Verdict.FAIL : passUnlessNginxIsMissing(cell.scenario());
                assertThat(cell.verdict()).as("%s, %s: %s%s", target.name(), cell.scenario(), cell.message(),
                        verdicts(cells)).isEqualTo(expected);
            }
        }
    }

    @Test
    void aTightCopyIsCaughtWellPastItsDeclaredBoundNotByALateTimer() {
        for (Target target : tight) {
            long bound = detectionBound(target.params());
            cellsOf(target).stream()
                    .filter(c -> boundCell(c.scenario()))
                    .filter(c -> c.detectionMs() != null)
                    .forEach(cell -> assertThat(cell.detectionMs()).as("%s, %s: %s", target.name(), cell.scenario(),
                            cell.message()).isGreaterThanOrEqualTo(bound + TIGHT_MARGIN_MS));
        }
    }

    @Test
    void noTargetProcessOutlivesTheRun() {
        Map<Long, String> started = new java.util.HashMap<>();
        run.cells().forEach(c -> c.timeline().stream().filter(e -> e.is("process-start"))
                .forEach(e -> started.put(((Number) e.data().get("pid")).longValue(), c.target())));
        started.forEach((pid, target) -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("pid %d (a cell of %s) still alive", pid, target).isFalse());
    }
}
