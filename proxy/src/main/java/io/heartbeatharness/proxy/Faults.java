package io.heartbeatharness.proxy;

import java.util.List;

/** The names of the heartbeat faults in the API's {@code /proxies/{name}/faults} extension. */
final class Faults {
    static final String BLACKHOLE = "blackhole";
    static final String NAT_IDLE = "nat_idle";
    static final String IDLE_CLOSE = "idle_close";
    static final List<String> ALL = List.of(BLACKHOLE, NAT_IDLE, IDLE_CLOSE);

    private Faults() {
    }
}
