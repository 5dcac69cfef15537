package io.heartbeatharness.scenario;

import io.heartbeatharness.time.TimeScale;

/** Defaults of a run, in one place. */
public final class RunDefaults {
    /**
     * 0.1: real-world durations run ten times faster (seed 000's 30 s + 5 s becomes 3.5 s), which keeps every
     * window far above the tolerance while the catalogue stays short enough for CI.
     */
    public static final TimeScale CI_SCALE = new TimeScale(0.1);

    private RunDefaults() {
    }

    public static String harnessVersion() {
        String version = RunDefaults.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
