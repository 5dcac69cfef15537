package io.heartbeatharness.proxy.toxics;

import java.util.List;
import java.util.Optional;

/** Every toxic type the embedded proxy knows: exactly Toxiproxy 2.12's set. */
public final class ToxicTypes {
    /** In the order Toxiproxy's README lists them. */
    public static final List<ToxicType> ALL = List.of(LatencyToxic.TYPE, BandwidthToxic.TYPE, SlowCloseToxic.TYPE,
            TimeoutToxic.TYPE, ResetPeerToxic.TYPE, SlicerToxic.TYPE, LimitDataToxic.TYPE);

    private ToxicTypes() {
    }

    /** The type registered under {@code name} (case-sensitive, as in Toxiproxy). */
    public static Optional<ToxicType> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
