package io.heartbeatharness.target;

import io.heartbeatharness.reference.HeartbeatArgs;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.protocol.Protocol;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.reference.common.KnownBad;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The implementation under test: its name, role, protocol, declared parameters (real-world units) and how
 * to start it.
 *
 * @param name     shown in reports, e.g. {@code ws-json server}
 * @param role     server or client
 * @param protocol wire protocol of its heartbeats, e.g. {@link Protocol#WS_JSON}
 * @param params   declared heartbeat parameters, before scaling
 * @param launch   how the harness starts (or reaches) it
 * @param path     WebSocket path the peer uses, e.g. {@code /ws} (ignored by protocols without one)
 * @param model    how it heartbeats: who pings, what it counts as alive, when its check fires
 * @param clientKeepAlive MQTT 5 only: the Keep Alive the client asks for in CONNECT when the broker answers with a
 *                 Server Keep Alive of its own, which is then {@code params.interval()}; {@code null} when the client's
 *                 is the one in force
 * @param scenarios the scenarios it is checked against: ids or group prefixes, as {@code --scenario} takes
 *                 ({@code ScenarioSelection.selects}); empty for every scenario that applies to it
 */
public record Target(String name, Side role, Protocol protocol, HeartbeatParams params, TargetLaunch launch,
                     String path, HeartbeatModel model, Duration clientKeepAlive, List<String> scenarios) {

    /** The WebSocket path of the reference designs. */
    public static final String DEFAULT_PATH = Protocol.DEFAULT_PATH;

    public Target {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(launch, "launch");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(model, "model");
        scenarios = List.copyOf(scenarios);
        if (clientKeepAlive != null && !protocol.serverMayOverrideKeepAlive()) {
            throw new IllegalArgumentException("server_keep_alive: only an MQTT 5 broker answers with a Keep Alive of its own");
        }
        boolean sweeps = model.detection() == HeartbeatModel.Detection.SWEEP;
        if (sweeps != !params.sweepPeriod().isZero()) {
            throw new IllegalArgumentException(sweeps ? "sweep_period: a target whose detection is 'sweep' needs one above 0"
                    : "detection: a target with a sweep_period detects by 'sweep', not '" + HeartbeatModel.word(model.detection()) + "'");
        }
    }

    public Target(String name, Side role, Protocol protocol, HeartbeatParams params, TargetLaunch launch,
                  String path, HeartbeatModel model, Duration clientKeepAlive) {
        this(name, role, protocol, params, launch, path, model, clientKeepAlive, List.of());
    }

    public Target(String name, Side role, Protocol protocol, HeartbeatParams params, TargetLaunch launch,
                  String path, HeartbeatModel model) {
        this(name, role, protocol, params, launch, path, model, null);
    }

    public Target(String name, Side role, Protocol protocol, HeartbeatParams params, TargetLaunch launch, String path) {
        this(name, role, protocol, params, launch, path, protocol.defaultModel(params));
    }

    public Target(String name, Side role, Protocol protocol, HeartbeatParams params, TargetLaunch launch) {
        this(name, role, protocol, params, launch, protocol.defaultPath());
    }

    public Target withModel(HeartbeatModel value) {
        return new Target(name, role, protocol, params, launch, path, value, clientKeepAlive, scenarios);
    }

    /** The same target, checked against {@code selectors} only (ids or group prefixes; empty: every scenario). */
    public Target withScenarios(List<String> selectors) {
        return new Target(name, role, protocol, params, launch, path, model, clientKeepAlive, selectors);
    }

    /** Whether the target sends pings of its own (and so whose exchange the worst fault phase follows). */
    public boolean pings() {
        return model.pingsFrom(role == Side.SERVER);
    }

    /** Whether the target's counterpart sends pings of its own, which the harness's peer must then do too. */
    public boolean counterpartPings() {
        return model.pingsFrom(role != Side.SERVER);
    }

    /** A reference design run as its own process, optionally with deliberate flaws. */
    public static Target reference(Design design, Side role, HeartbeatParams params, Set<KnownBad> flaws) {
        String flawText = flaws.isEmpty() ? "" : " (" + String.join(", ", flaws.stream().map(KnownBad::flag).sorted().toList()) + ")";
        return new Target(design.id() + " " + role.wireName() + flawText, role, design.protocol(), params,
                new TargetLaunch.Reference(design, flaws), design.protocol().defaultPath(), design.model());
    }

    /**
     * Whether the harness can start the target with another heartbeat interval than it declares: a reference design
     * takes it on its command line, a program started by command or in a container only through {@code ${interval_ms}}.
     */
    public boolean takesInterval() {
        return launch instanceof TargetLaunch.Reference
                || launch instanceof TargetLaunch.Command command && command.passes(HeartbeatArgs.INTERVAL_MS)
                || launch instanceof TargetLaunch.Image image && image.passes(HeartbeatArgs.INTERVAL_MS);
    }

    /** Whether the harness starts the target itself (a process or a container), and so may freeze or kill it. */
    public boolean harnessStarted() {
        return !(launch instanceof TargetLaunch.Address);
    }

    /**
     * Whether the target reports what it does as JSON-lines events (connected, closed, ping/pong…), the only
     * evidence on a fault path without a tap. The harness's reference designs do; a target at an address does not.
     */
    public boolean writesEventLog() {
        return launch instanceof TargetLaunch.Reference;
    }
}
