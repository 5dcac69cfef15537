package io.heartbeatharness.run;

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
     * its own, so the machine carries more cells than it has cores. On the 2-core build machine with a busy neighbour
     * on one core, 10 at a time finishes the matrix in under 3 minutes with every detection of the reference targets
     * within a few milliseconds of its nominal time (docs/performance.md, "Flakiness"). That holds since started processes share
     * the harness's session ({@code OwnGroup}); while each was a session, and so a scheduling group, of its own, 10
     * at a time made a reference server's ping timer fire 217 ms late. The same figure is the JUnit matrix's
     * parallelism ({@code junit-platform.properties}).
     */
    public static final int JOBS = 10;

    private RunDefaults() {
    }

    public static String harnessVersion() {
        String version = RunDefaults.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
