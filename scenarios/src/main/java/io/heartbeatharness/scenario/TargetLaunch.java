package io.heartbeatharness.scenario;

import io.heartbeatharness.reference.Design;
import io.heartbeatharness.reference.KnownBad;

import java.util.Set;

/** How the harness gets hold of a target. */
public sealed interface TargetLaunch {

    /** One of the harness's own reference designs, run from the harness jar as its own process. */
    record Reference(Design design, Set<KnownBad> flaws) implements TargetLaunch {
        public Reference {
            flaws = Set.copyOf(flaws);
        }
    }

    /** A target that is already running at this address; the harness cannot freeze or kill it. */
    record Address(String host, int port) implements TargetLaunch {
    }
}
