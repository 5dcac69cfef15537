package io.heartbeatharness.fault;

import io.heartbeatharness.process.ManagedProcess;
import io.heartbeatharness.backend.UnsupportedFault;
import io.heartbeatharness.backend.FaultPath;
import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.timeline.HarnessEvents;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each fault's records and its making, in the order the judges and reports rely on: a fake site logs both, so a record
 * moved before or after the fault it marks shows here.
 */
class FaultTests {
    private final List<String> log = new ArrayList<>();
    private final Site site = new Site();

    @Test
    void aTwoWayBlackholeIsRecordedAsBothThenMadeAndHealedAfterItsEnd() {
        ActiveFault fault = ActiveFault.inject(new Fault.Blackhole(EnumSet.allOf(Direction.class)), site);
        long healed = fault.heal();

        assertThat(log).containsExactly("fault-start [fault, blackhole, direction, both]", "blackhole upstream true",
                "blackhole downstream true", "fault-end [fault, blackhole]", "blackhole upstream false",
                "blackhole downstream false");
        assertThat(fault.startedAt()).isEqualTo(1);
        assertThat(healed).isEqualTo(4);
    }

    @Test
    void aOneWayBlackholeNamesItsDirection() {
        ActiveFault.inject(new Fault.Blackhole(Set.of(Direction.DOWNSTREAM)), site);

        assertThat(log).containsExactly("fault-start [fault, blackhole, direction, downstream]",
                "blackhole downstream true");
    }

    @Test
    void aBlackholeWatchedBehindAProxySaysForHowLongAtItsEnd() {
        Fault.Blackhole both = new Fault.Blackhole(EnumSet.allOf(Direction.class));
        ActiveFault.inject(both.watchedFor(Duration.ofMillis(6900)), site).heal();

        assertThat(log).contains("fault-end [fault, blackhole, watched_ms, 6900]");
    }

    @Test
    void aNatIdleTimeoutIsRecordedOnceSetAndNeverUnset() {
        ActiveFault fault = ActiveFault.inject(new Fault.NatIdle(Duration.ofMillis(3500)), site);
        fault.heal();

        assertThat(log).containsExactly("natIdle PT3.5S", "fault-start [fault, nat-idle, nat_idle_ms, 3500]",
                "fault-end [fault, nat-idle]");
    }

    @Test
    void aNatIdleTimeoutThePathRefusesRecordsNoStart() {
        site.refuse = true;

        assertThatThrownBy(() -> ActiveFault.inject(new Fault.NatIdle(Duration.ofMillis(1500)), site))
                .isInstanceOf(UnsupportedFault.class);
        assertThat(log).isEmpty();
    }

    @Test
    void latencyRecordsItsRoundTripThenDelaysAndIsLiftedAfterItsEnd() {
        ActiveFault.inject(new Fault.Latency(Duration.ofMillis(300), Duration.ofMillis(100)), site).heal();

        assertThat(log).containsExactly(
                "fault-start [fault, latency, latency_ms, 300, jitter_ms, 100, round_trip_max_ms, 800]",
                "latency PT0.3S PT0.1S", "fault-end [fault, latency]", "latency PT0S");
    }

    @Test
    void aResetIsRecordedThenMadeAndHasNothingToHeal() {
        ActiveFault fault = ActiveFault.inject(new Fault.Reset(), site);

        assertThat(log).containsExactly("fault-start [fault, reset]", "reset");
        assertThatThrownBy(fault::heal).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPathThatCannotMakeAFaultRefusesItAfterItsStart() {
        site.refuse = true;

        assertThatThrownBy(() -> ActiveFault.inject(new Fault.Reset(), site)).isInstanceOf(UnsupportedFault.class);
        assertThat(log).containsExactly("fault-start [fault, reset]");
    }

    @Test
    void aProxyIdleWatchIsOnlyItsRecords() {
        ActiveFault.inject(new Fault.ProxyIdle(Duration.ofSeconds(9)), site).heal();

        assertThat(log).containsExactly("fault-start [fault, proxy-idle, read_timeout_ms, 9000]",
                "fault-end [fault, proxy-idle]");
    }

    @Test
    void aFaultHealsOnce() {
        ActiveFault fault = ActiveFault.inject(new Fault.ProxyIdle(Duration.ofSeconds(9)), site);
        fault.heal();

        assertThatThrownBy(fault::heal).isInstanceOf(IllegalStateException.class);
        assertThat(log).hasSize(2);
    }


    @Test
    void aBlackholeDropsSomething() {
        assertThatThrownBy(() -> new Fault.Blackhole(Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    /** Logs every record and every call to its path; a record's instant is its place in the log. */
    private final class Site implements FaultSite, FaultPath {
        boolean refuse;

        @Override
        public long record(String type, Object... keyValues) {
            log.add(type + " " + Arrays.toString(keyValues));
            return log.size();
        }

        @Override
        public FaultPath path() {
            return this;
        }

        @Override
        public ManagedProcess restartServer(Wiring wiring) {
            throw new AssertionError("no server here");
        }

        @Override
        public InetSocketAddress clientAddress() {
            return new InetSocketAddress("127.0.0.1", 1);
        }

        @Override
        public void blackhole(Direction direction, boolean on) {
            call("blackhole " + direction.wireName() + " " + on);
        }

        @Override
        public void natIdle(Duration idle) {
            call("natIdle " + idle);
        }

        @Override
        public void resetConnections() {
            call("reset");
        }

        @Override
        public void latency(Duration added) {
            call("latency " + added);
        }

        @Override
        public void latency(Duration added, Duration jitter) {
            call("latency " + added + " " + jitter);
        }

        @Override
        public String evidence() {
            return HarnessEvents.EVIDENCE_TAP;
        }

        private void call(String what) {
            if (refuse) {
                throw new UnsupportedFault("not here: " + what);
            }
            log.add(what);
        }
    }
}
