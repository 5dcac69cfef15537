package io.heartbeatharness.scenario;

import io.heartbeatharness.time.TimeScale;

/** Defaults of a run, in one place. */
public final class RunDefaults {
    /**
     * 0.1: real-world durations run ten times faster (seed 000's 30 s + 5 s becomes 3.5 s), which keeps every
     * window far above the tolerance while the catalogue stays short enough for CI.
     */
    public static final TimeScale CI_SCALE = new TimeScale(0.1);

    /**
     * Cells run at once. Cells mostly wait on timers, and each starts its processes while no other cell is starting
     * its own, so the machine carries more cells than it has cores. More is faster and less exact: on the 2-core build
     * machine with a busy loop on one core, 10 at a time finished the matrix in 170–179 s, but a reference server's
     * own ping timer then fired 217 ms late once in 13 runs (a FAIL by 80 ms), while the next cell's JVMs were starting,
     * and 0.9 detections a run came within 100 ms of their budget; at 6, 0.2 a run did (10 runs, README
     * "Flakiness"). The same figure is the JUnit matrix's parallelism
     * ({@code junit-platform.properties}).
     */
    public static final int JOBS = 6;

    private RunDefaults() {
    }

    public static String harnessVersion() {
        String version = RunDefaults.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
