package io.heartbeatharness.report;

import io.heartbeatharness.result.MatrixCell;
import io.heartbeatharness.verdict.Verdict;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which cells a report keeps the timelines of. The timeline is the evidence of a verdict that needs explaining; a
 * PASS is explained by its figures, and a fleet's timeline runs to tens of megabytes.
 */
public enum KeepTimelines {
    /** Every cell's. */
    ALL,
    /** Only the cells that did not PASS (the default). */
    FAILED,
    /** None: verdicts, figures and distributions only. */
    NONE;

    public boolean keeps(MatrixCell cell) {
        return this == ALL || this == FAILED && cell.verdict() != Verdict.PASS;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code all}, {@code failed} or {@code none}; anything else is refused naming the option. */
    public static KeepTimelines parse(String text) {
        for (KeepTimelines keep : values()) {
            if (keep.word().equals(text)) {
                return keep;
            }
        }
        throw new IllegalArgumentException("--keep-timelines: expected one of "
                + Arrays.stream(values()).map(KeepTimelines::word).toList() + ", got '" + text + "'");
    }
}
