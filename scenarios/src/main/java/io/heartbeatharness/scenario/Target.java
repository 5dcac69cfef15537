package io.heartbeatharness.scenario;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.reference.KnownBad;

import java.util.Objects;
import java.util.Set;

/**
 * The implementation under test: its name, role, protocol, declared parameters (real-world units) and how
 * to start it.
 *
 * @param name     shown in reports, e.g. {@code ws-json server}
 * @param role     server or client
 * @param protocol wire protocol of its heartbeats, e.g. {@code ws-json}
 * @param params   declared heartbeat parameters, before scaling
 * @param launch   how the harness starts (or reaches) it
 * @param path     WebSocket path the peer uses, e.g. {@code /ws} (ignored by protocols without one)
 */
public record Target(String name, Role role, String protocol, HeartbeatParams params, TargetLaunch launch,
                     String path) {

    /** The WebSocket path of the reference designs. */
    public static final String DEFAULT_PATH = "/ws";

    public Target {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(launch, "launch");
        Objects.requireNonNull(path, "path");
    }

    public Target(String name, Role role, String protocol, HeartbeatParams params, TargetLaunch launch) {
        this(name, role, protocol, params, launch, DEFAULT_PATH);
    }

    /** A reference design run as its own process, optionally with deliberate flaws. */
    public static Target reference(Design design, Role role, HeartbeatParams params, Set<KnownBad> flaws) {
        String flawText = flaws.isEmpty() ? "" : " (" + String.join(", ", flaws.stream().map(KnownBad::flag).sorted().toList()) + ")";
        return new Target(design.id() + " " + role.id() + flawText, role, design.id(), params,
                new TargetLaunch.Reference(design, flaws));
    }

    /** Whether the harness starts the process itself, and so may freeze or kill it. */
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
