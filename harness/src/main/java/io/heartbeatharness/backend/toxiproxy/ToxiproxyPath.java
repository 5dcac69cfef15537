package io.heartbeatharness.backend.toxiproxy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.heartbeatharness.backend.BackendCell;
import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.verdict.HarnessException;
import io.heartbeatharness.backend.UnsupportedFault;
import io.heartbeatharness.backend.FaultPath;

import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.PeerEvents;
import io.heartbeatharness.timeline.Sources;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One cell's proxy on a Toxiproxy server, driven only through its HTTP API: each fault is a toxic whose semantics
 * really are the fault's, and a fault no toxic expresses is refused. Toxiproxy has no tap, so the evidence is the
 * processes' own event logs.
 *
 * <pre>
 *   client → Toxiproxy proxy (toxics per stream) → server
 *            upstream = client→server, downstream = server→client
 * </pre>
 */
final class ToxiproxyPath implements FaultPath {
    private static final String BLACKHOLE = "blackhole-";
    private static final String LATENCY = "latency-";
    private static final String RESET = "reset-";

    private final Proxy proxy;
    private final BackendCell cell;
    private final Map<String, Toxic> toxics = new HashMap<>();

    ToxiproxyPath(Proxy proxy, BackendCell cell) {
        this.proxy = proxy;
        this.cell = cell;
    }

    @Override
    public InetSocketAddress clientAddress() {
        return ToxiproxyAddresses.parse(proxy.getListen());
    }

    /**
     * A {@code timeout} toxic with timeout 0 on the stream: it drops every byte and never closes — a silent
     * one-way loss. Toxiproxy closes every connection through it when the toxic is removed, so healing a blackhole
     * here also ends the connections it held: the timeline says so ({@code path-closes-connections}), and only what
     * the target did before the heal counts as its detection (a close it made itself).
     */
    @Override
    public synchronized void blackhole(Direction direction, boolean on) {
        String name = BLACKHOLE + direction.wireName();
        if (on && !toxics.containsKey(name)) {
            add(name, () -> proxy.toxics().timeout(name, stream(direction), 0));
        } else if (!on && toxics.containsKey(name)) {
            cell.mark(HarnessEvents.PATH_CLOSES_CONNECTIONS, "cause",
                    "removing Toxiproxy's timeout toxic closes every connection that crossed it", "stream",
                    direction.wireName());
            remove(name);
        }
    }

    @Override
    public void natIdle(Duration idle) {
        throw new UnsupportedFault("Toxiproxy has no NAT idle expiry: no toxic forgets a connection idle for "
                + idle.toMillis() + " ms and drops its later packets (its timeout toxic drops every byte from the "
                + "moment it is added, idle or not)");
    }

    /**
     * A {@code reset_peer} toxic with timeout 0 on both streams resets each end of every connection now; it is
     * removed as soon as the target has seen its connection go, so that the connections made afterwards are not
     * reset too.
     */
    @Override
    public synchronized void resetConnections() {
        // Recorded as the reset's start, before the toxics go on; their removal is not recorded, as the fault they
        // serve records its own end.
        long at = cell.mark(HarnessEvents.RESET_START, "fault", "reset_peer");
        addResetToxics();
        try {
            cell.require("target's connection reset by reset_peer", cell.startupTimeout(),
                    events -> events.stream().anyMatch(e -> e.monoNanos() >= at
                            && e.source().equals(Sources.TARGET) && e.is(PeerEvents.CLOSED)));
        } finally {
            removeResetToxics();
        }
    }

    private void addResetToxics() {
        for (Direction direction : Direction.values()) {
            String name = RESET + direction.wireName();
            add(name, () -> proxy.toxics().resetPeer(name, stream(direction), 0));
        }
    }

    private void removeResetToxics() {
        for (Direction direction : Direction.values()) {
            remove(RESET + direction.wireName());
        }
    }

    @Override
    public void latency(Duration added) {
        latency(added, Duration.ZERO);
    }

    /** Toxiproxy's latency toxic on both streams, its {@code jitter} attribute set when there is one. */
    @Override
    public synchronized void latency(Duration added, Duration jitter) {
        for (Direction direction : Direction.values()) {
            String name = LATENCY + direction.wireName();
            if (toxics.containsKey(name)) {
                remove(name);
            }
            if (!added.isZero()) {
                add(name, () -> {
                    var latency = proxy.toxics().latency(name, stream(direction), added.toMillis());
                    return jitter.isZero() ? latency : latency.setJitter(jitter.toMillis());
                });
            }
        }
    }

    @Override
    public String evidence() {
        return HarnessEvents.EVIDENCE_PROCESS_LOGS;
    }

    private static ToxicDirection stream(Direction direction) {
        return direction == Direction.UPSTREAM ? ToxicDirection.UPSTREAM : ToxicDirection.DOWNSTREAM;
    }

    private interface ApiCall {
        Toxic call() throws IOException;
    }

    private void add(String name, ApiCall create) {
        try {
            toxics.put(name, create.call());
        } catch (IOException e) {
            throw new HarnessException("Toxiproxy refused toxic " + name + " on " + proxy.getName() + ": " + e.getMessage());
        }
    }

    private void remove(String name) {
        Toxic toxic = toxics.remove(name);
        try {
            toxic.remove();
        } catch (IOException e) {
            throw new HarnessException("Toxiproxy could not remove toxic " + name + " from " + proxy.getName() + ": "
                    + e.getMessage());
        }
    }
}
