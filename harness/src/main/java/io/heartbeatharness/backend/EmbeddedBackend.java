package io.heartbeatharness.backend;

import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.proxy.EmbeddedProxy;
import io.heartbeatharness.proxy.toxics.LatencyToxic;

import io.heartbeatharness.timeline.HarnessEvents;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/** The default backend: both processes on loopback with the harness's own embedded proxy, tapped, between them. */
public final class EmbeddedBackend implements FaultBackend {
    public static final String ID = "embedded";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public CellNetwork open(BackendCell cell) {
        return new CellNetwork() {
            @Override
            public FaultPath path(int serverPort) {
                return new Path(cell.proxy(serverPort));
            }

            @Override
            public void close() {
                // The proxy is owned by the cell and closed with it; nothing else was made.
            }
        };
    }

    /** The embedded proxy as a fault path; {@link #proxy()} gives scenarios its tap and extra faults. */
    public record Path(EmbeddedProxy proxy) implements FaultPath {
        private static final String LATENCY = "cell-latency";

        @Override
        public InetSocketAddress clientAddress() {
            return proxy.listenAddress();
        }

        @Override
        public void blackhole(Direction direction, boolean on) {
            proxy.blackhole(direction, on);
        }

        @Override
        public void natIdle(Duration idle) {
            proxy.natIdle(idle);
        }

        @Override
        public void resetConnections() {
            proxy.resetConnections();
        }

        @Override
        public void latency(Duration added) {
            latency(added, Duration.ZERO);
        }

        @Override
        public void latency(Duration added, Duration jitter) {
            for (Direction direction : Direction.values()) {
                String name = LATENCY + "-" + direction.wireName();
                if (proxy.toxic(name).isPresent()) {
                    proxy.removeToxic(name);
                }
                if (!added.isZero()) {
                    proxy.addToxic(name, direction, new LatencyToxic(added.toMillis(), jitter.toMillis()));
                }
            }
        }

        @Override
        public String evidence() {
            return HarnessEvents.EVIDENCE_TAP;
        }
    }
}
