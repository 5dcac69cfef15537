package io.heartbeatharness.cell;

import java.util.Locale;

/** When a fault starts relative to the heartbeat exchange the target's detection runs from. */
public enum FaultPhase {
    /** Right after it: the target needs its whole budget. */
    WORST,
    /** A uniformly random part of an interval after it: over repetitions, the detection distribution. */
    RANDOM;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FaultPhase parse(String text) {
        for (FaultPhase phase : values()) {
            if (phase.word().equals(text)) {
                return phase;
            }
        }
        throw new IllegalArgumentException("--phase: unknown '" + text + "' (expected worst or random)");
    }
}
