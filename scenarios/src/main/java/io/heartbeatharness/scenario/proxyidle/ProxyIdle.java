package io.heartbeatharness.scenario.proxyidle;

import io.heartbeatharness.budget.Budget;
import io.heartbeatharness.budget.Budgets;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.nginx.Nginx;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TapEvents;
import io.heartbeatharness.cell.CellContext;
import io.heartbeatharness.judge.Evidence;
import io.heartbeatharness.verdict.HarnessException;
import io.heartbeatharness.judge.Judgement;
import io.heartbeatharness.budget.PlannedBudgets;
import io.heartbeatharness.scenario.Requirement;
import io.heartbeatharness.scenario.Scenario;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.backend.UnsupportedFault;
import io.heartbeatharness.fault.ActiveFault;
import io.heartbeatharness.fault.Fault;
import io.heartbeatharness.judge.Checks;
import io.heartbeatharness.judge.Observation;
import io.heartbeatharness.judge.TapQueries;
import io.heartbeatharness.scenario.ScenarioCase;
import io.heartbeatharness.time.TimeScale;
import io.heartbeatharness.timeline.TimelineEvent;
import io.heartbeatharness.verdict.Verdict;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@code proxy-idle/nginx-keeps-alive} and {@code proxy-idle/nginx-cut}: a real nginx between client and server,
 * {@code proxy_read_timeout} 90 s (the seed story) × scale. nginx cuts a WebSocket tunnel silent in both directions
 * for that long; heartbeats more frequent than it keep the tunnel, and a client must survive the cut by reconnecting.
 *
 * <pre>
 *   client → embedded proxy (tap) → nginx → server
 * </pre>
 */
public final class ProxyIdle implements Scenario {
    /** nginx's idle timeout in the seed story (nginx's own default is 60 s). */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(90);
    /** keeps-alive must hold for three idle timeouts (product brief). */
    public static final int SURVIVE_TIMEOUTS = 3;

    /** The name of the budget {@value #SURVIVE_TIMEOUTS} × proxy_read_timeout that keeps-alive must hold for. */
    static final String SURVIVE = "survive";
    /** The name of the budget nginx has to cut a silent tunnel: its proxy_read_timeout. */
    static final String CUT = "cut";
    private static final ScenarioCase KEEPS_ALIVE = new ScenarioCase("proxy-idle/nginx-keeps-alive",
            "Real nginx in the path with proxy_read_timeout 90 s; the target heartbeats as declared.",
            "With I < 90 s the tunnel survives at least 3 × 90 s with no reconnect.", Requirement.MUST);
    private static final ScenarioCase NGINX_CUT = new ScenarioCase("proxy-idle/nginx-cut",
            "Real nginx with proxy_read_timeout 90 s; heartbeats made rarer than it on both sides, so the tunnel goes "
                    + "silent.",
            "The silent tunnel is cut (by nginx at ~90 s, or by the client's own silence detection first) and the "
                    + "client reconnects within its backoff; heartbeats must be more frequent than 90 s.",
            Requirement.MUST);

    private final ScenarioCase scenarioCase;
    private final boolean heartbeatsOn;

    private ProxyIdle(ScenarioCase scenarioCase, boolean heartbeatsOn) {
        this.scenarioCase = scenarioCase;
        this.heartbeatsOn = heartbeatsOn;
    }

    public static ProxyIdle keepsAlive() {
        return new ProxyIdle(KEEPS_ALIVE, true);
    }

    public static ProxyIdle cut() {
        return new ProxyIdle(NGINX_CUT, false);
    }

    @Override
    public ScenarioCase scenarioCase() {
        return scenarioCase;
    }

    /** WebSocket protocols only (nginx proxies HTTP); the cut concerns clients, which must come back. */
    @Override
    public boolean appliesTo(Target target) {
        boolean webSocket = target.protocol().webSocket();
        return webSocket && (heartbeatsOn || target.role() == Side.CLIENT);
    }

    @Override
    public Duration expectedDuration(HeartbeatParams scaled, TimeScale scale, Tolerance tolerance) {
        Duration readTimeout = scale.apply(READ_TIMEOUT);
        return heartbeatsOn ? readTimeout.multipliedBy(SURVIVE_TIMEOUTS)
                : readTimeout.plus(Budgets.reconnectAfterLoss(scaled, tolerance).limit());
    }

    /** Keeps-alive holds for {@link #SURVIVE}; a cut tunnel is cut within {@link #CUT}, then the client comes back. */
    @Override
    public PlannedBudgets budgets(Side role, HeartbeatParams scaled, TimeScale scale, Tolerance tolerance) {
        Duration readTimeout = scale.apply(READ_TIMEOUT);
        if (heartbeatsOn) {
            return PlannedBudgets.of(SURVIVE, new Budget(readTimeout.multipliedBy(SURVIVE_TIMEOUTS), String.format(
                    "%d × proxy_read_timeout = %d × %d ms", SURVIVE_TIMEOUTS, SURVIVE_TIMEOUTS, readTimeout.toMillis())));
        }
        return PlannedBudgets.of(CUT, new Budget(readTimeout, String.format("proxy_read_timeout = %d ms",
                        readTimeout.toMillis())))
                .and(PlannedBudgets.RECONNECT_AFTER_LOSS, Budgets.reconnectAfterLoss(scaled, tolerance));
    }

    @Override
    public void drive(CellContext cell) {
        Nginx.unavailableReason().ifPresent(reason -> {
            throw new UnsupportedFault(reason);
        });
        Duration readTimeout = cell.scale().apply(READ_TIMEOUT);
        cell.requireEmbedded("nginx is started on loopback in front of the server");
        // With heartbeats off, every side that pings does so far less often than the proxy timeout: the peer always
        // can; a target that pings on its own timer only if it can be told its interval.
        UnaryOperator<HeartbeatParams> rare = p -> heartbeatsOn ? p : p.withInterval(readTimeout.multipliedBy(10));
        if (!heartbeatsOn && cell.target().pings() && !cell.target().takesInterval()) {
            throw new UnsupportedFault(cell.target().name() + " pings on its own timer and its spec passes no "
                    + "${interval_ms} to make those pings rarer than proxy_read_timeout (" + readTimeout.toMillis()
                    + " ms): the tunnel could not go silent");
        }
        cell.wire(1, rare, cell.target().pings() ? rare : UnaryOperator.identity(),
                serverPort -> cell.own(Nginx.start(serverPort, readTimeout, cell.timeline())).port());
        // Watching starts once the tunnel works: a target whose heartbeats are too rare for nginx is cut during the watch.
        cell.awaitConnection();
        ActiveFault watch = cell.inject(new Fault.ProxyIdle(readTimeout));
        long watchStart = watch.startedAt();
        String conn = TapQueries.connectionOpenAt(cell.timeline().events(), watchStart)
                .orElseThrow(() -> new HarnessException("no open connection through nginx"));
        if (heartbeatsOn) {
            cell.holdsFor("tunnel survives " + SURVIVE_TIMEOUTS + " × proxy_read_timeout", cell.budget(SURVIVE).limit(),
                    events -> closed(events, conn, watchStart).isPresent());
        } else {
            cell.waitFor("the silent tunnel is cut", Observation.window(cell.budget(CUT)),
                    events -> closed(events, conn, watchStart).isPresent());
            cell.waitFor("client reconnects after the cut",
                    Observation.window(cell.budget(PlannedBudgets.RECONNECT_AFTER_LOSS)),
                    events -> TapQueries.reconnectedAt(events, conn, watchStart).isPresent());
        }
        watch.heal();
    }

    /** The first FIN or RST of {@code conn}, from either side, after {@code after}. */
    static Optional<TimelineEvent> closed(List<TimelineEvent> events, String conn, long after) {
        return events.stream().filter(e -> e.monoNanos() >= after && e.source().equals(Sources.PROXY)
                && conn.equals(e.str("conn")) && (e.is(TapEvents.FIN) || e.is(TapEvents.RST))).findFirst();
    }

    @Override
    public Judgement judge(Evidence evidence) {
        Checks.FaultOnConnection watch = Checks.faultOnConnection(evidence);
        if (watch.error() != null) {
            return watch.error();
        }
        Optional<TimelineEvent> ready = TapQueries.first(evidence.events(), Sources.HARNESS, HarnessEvents.NGINX_READY, Long.MIN_VALUE);
        if (ready.isEmpty()) {
            return Judgement.error("nginx never became ready");
        }
        long readTimeoutMs = Long.parseLong(ready.get().str("read_timeout_ms"));
        long intervalMs = evidence.params().interval().toMillis();
        Optional<TimelineEvent> close = closed(evidence.events(), watch.conn(), watch.faultStart());
        if (heartbeatsOn) {
            Budget window = evidence.budget(SURVIVE);
            long mustSurviveMs = window.millis();
            if (close.isPresent()) {
                long ms = TapQueries.millisBetween(watch.faultStart(), close.get().monoNanos());
                if (ms < mustSurviveMs) {
                    return new Judgement(Verdict.FAIL, String.format("expected the tunnel to survive %d ms (%s) with "
                                    + "I = %d ms, observed a close by the %s side after %d ms (safe interval: below %d ms)",
                            mustSurviveMs, window.formula(), intervalMs, close.get().str("side"), ms, readTimeoutMs),
                            window, ms, null, watch.faultStart());
                }
            }
            return new Judgement(Verdict.PASS, String.format("expected the tunnel to survive %d ms (%s) with I = %d ms, "
                    + "observed no close", mustSurviveMs, window.formula(), intervalMs), window, null, null, watch.faultStart());
        }
        if (close.isEmpty()) {
            return Judgement.error(String.format("the silent tunnel was never cut (proxy_read_timeout %d ms)", readTimeoutMs));
        }
        long cutMs = TapQueries.millisBetween(watch.faultStart(), close.get().monoNanos());
        String cutBy = Side.SERVER.wireName().equals(close.get().str("side")) ? "nginx" : "the client";
        Checks.Outcome reconnect = Checks.reconnectsWithin(evidence, watch.conn(), close.get().monoNanos(),
                evidence.budget(PlannedBudgets.RECONNECT_AFTER_LOSS), "the cut");
        String text = String.format("tunnel cut by %s after %d ms of silence (safe interval: below %d ms); %s",
                cutBy, cutMs, readTimeoutMs, reconnect.message());
        return new Judgement(reconnect.passed() ? Verdict.PASS : Verdict.FAIL, text, reconnect.budget(), cutMs,
                reconnect.observedMs(), watch.faultStart());
    }
}
