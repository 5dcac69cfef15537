package io.heartbeatharness.fault;

import io.heartbeatharness.process.ManagedProcess;
import io.heartbeatharness.backend.FaultPath;
import io.heartbeatharness.process.StartedProgram;
import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.timeline.HarnessEvents;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A fault a cell injects, as a value: what it does, made through the cell's {@link FaultPath} or on a process, and
 * what the timeline records of its start ({@link HarnessEvents#FAULT_START}) and end ({@link HarnessEvents#FAULT_END})
 * — the names and data the judges and reports read. Each kind writes its records and makes or heals itself in the
 * order its judge relies on. Scenarios inject one with {@code CellContext.inject}, which hands back an
 * {@link ActiveFault}.
 */
public sealed interface Fault {

    /** Makes this fault at {@code site} and records its start; returns the start's instant. */
    long inject(FaultSite site);

    /** Undoes this fault at {@code site} and records its end; returns the end's instant. */
    long heal(FaultSite site);

    /** Every byte in the {@code dropped} directions dropped silently, nothing closed: a half-open link. */
    record Blackhole(Set<Direction> dropped, Optional<Duration> watched) implements Fault {
        /** The end's key for how long a blackhole that TCP's probes cannot see (behind a user-space proxy) was watched. */
        public static final String WATCHED_MS = "watched_ms";

        public Blackhole {
            if (dropped.isEmpty()) {
                throw new IllegalArgumentException("a blackhole drops at least one direction");
            }
            dropped = Collections.unmodifiableSet(EnumSet.copyOf(dropped));
            Objects.requireNonNull(watched, "watched");
        }

        public Blackhole(Set<Direction> dropped) {
            this(dropped, Optional.empty());
        }

        /** This blackhole, its end noting the {@code window} it was watched on a path whose proxy answers TCP itself. */
        public Blackhole watchedFor(Duration window) {
            return new Blackhole(dropped, Optional.of(window));
        }

        /** {@code both}, or the one direction dropped, as its start records it. */
        public String direction() {
            return dropped.size() == Direction.values().length ? "both" : dropped.iterator().next().wireName();
        }

        @Override
        public long inject(FaultSite site) {
            FaultPath path = site.path();
            long at = site.record(HarnessEvents.FAULT_START, "fault", "blackhole", "direction", direction());
            dropped.forEach(d -> path.blackhole(d, true));
            return at;
        }

        @Override
        public long heal(FaultSite site) {
            FaultPath path = site.path();
            long at = watched.isPresent()
                    ? site.record(HarnessEvents.FAULT_END, "fault", "blackhole", WATCHED_MS, watched.get().toMillis())
                    : site.record(HarnessEvents.FAULT_END, "fault", "blackhole");
            dropped.forEach(d -> path.blackhole(d, false));
            return at;
        }
    }

    /** A NAT that forgets a connection idle longer than {@code idle}, silently dropping its later packets. */
    record NatIdle(Duration idle) implements Fault {
        @Override
        public long inject(FaultSite site) {
            // Recorded once the path holds the timeout: the judges count the NAT's expiry from then.
            site.path().natIdle(idle);
            return site.record(HarnessEvents.FAULT_START, "fault", "nat-idle", "nat_idle_ms", idle.toMillis());
        }

        /** Only recorded: the NAT keeps its timeout until the cell's network closes, as a kernel NAT cannot drop it. */
        @Override
        public long heal(FaultSite site) {
            return site.record(HarnessEvents.FAULT_END, "fault", "nat-idle");
        }
    }

    /** Every byte delayed by {@code added} ± {@code jitter} in both directions: a slow but live link. */
    record Latency(Duration added, Duration jitter) implements Fault {
        @Override
        public long inject(FaultSite site) {
            FaultPath path = site.path();
            long at = site.record(HarnessEvents.FAULT_START, "fault", "latency", "latency_ms", added.toMillis(),
                    "jitter_ms", jitter.toMillis(), "round_trip_max_ms", added.plus(jitter).multipliedBy(2).toMillis());
            path.latency(added, jitter);
            return at;
        }

        @Override
        public long heal(FaultSite site) {
            FaultPath path = site.path();
            long at = site.record(HarnessEvents.FAULT_END, "fault", "latency");
            path.latency(Duration.ZERO);
            return at;
        }
    }

    /** An RST to both ends of every connection crossing the path, now: over once made, so it records no end. */
    record Reset() implements Fault {
        @Override
        public long inject(FaultSite site) {
            FaultPath path = site.path();
            long at = site.record(HarnessEvents.FAULT_START, "fault", "reset");
            path.resetConnections();
            return at;
        }

        @Override
        public long heal(FaultSite site) {
            throw new IllegalStateException("a reset is over once made: nothing heals it");
        }
    }

    /**
     * A real {@code SIGSTOP} of {@code process}, healed by {@code SIGCONT}; a fleet's start also records how many
     * {@code connections} the cell holds in all.
     */
    record Freeze(StartedProgram process, OptionalInt connections) implements Fault {
        public Freeze {
            Objects.requireNonNull(process, "process");
            Objects.requireNonNull(connections, "connections");
        }

        public Freeze(StartedProgram process) {
            this(process, OptionalInt.empty());
        }

        public Freeze(StartedProgram process, int connections) {
            this(process, OptionalInt.of(connections));
        }

        @Override
        public long inject(FaultSite site) {
            long at = connections.isPresent()
                    ? site.record(HarnessEvents.FAULT_START, "fault", "sigstop", "process", process.name(),
                    "connections", connections.getAsInt())
                    : site.record(HarnessEvents.FAULT_START, "fault", "sigstop", "process", process.name());
            process.freeze();
            return at;
        }

        @Override
        public long heal(FaultSite site) {
            long at = site.record(HarnessEvents.FAULT_END, "fault", "sigcont", "process", process.name());
            process.resume();
            return at;
        }
    }

    /**
     * {@code kill -9} of the wiring's server under {@code clients} clients, healed by starting it again on the port it
     * had.
     */
    record Restart(Wiring wiring, int clients) implements Fault {
        public Restart {
            Objects.requireNonNull(wiring.server(), "a restart needs a server the harness started");
        }

        @Override
        public long inject(FaultSite site) {
            StartedProgram server = wiring.server();
            long at = site.record(HarnessEvents.FAULT_START, "fault", "sigkill", "process", server.name(),
                    "clients", clients);
            server.kill();
            return at;
        }

        @Override
        public long heal(FaultSite site) {
            // Recorded once the new server listens: the outage lasted until then.
            site.restartServer(wiring);
            return site.record(HarnessEvents.FAULT_END, "fault", "restart", "process", wiring.server().name());
        }
    }

    /**
     * A real nginx in the path with {@code readTimeout} as its {@code proxy_read_timeout}: started with the wiring, so
     * this fault is only the window watched for what it does to a tunnel.
     */
    record ProxyIdle(Duration readTimeout) implements Fault {
        @Override
        public long inject(FaultSite site) {
            return site.record(HarnessEvents.FAULT_START, "fault", "proxy-idle", "read_timeout_ms",
                    readTimeout.toMillis());
        }

        @Override
        public long heal(FaultSite site) {
            return site.record(HarnessEvents.FAULT_END, "fault", "proxy-idle");
        }
    }
}
