package io.heartbeatharness.junit;

import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.verdict.Verdict;

/** Assertions on cell results whose failure messages carry the verdict's own sentence and the evidence path. */
public final class HeartbeatAssertions {
    private HeartbeatAssertions() {
    }

    /** Passes for PASS and NON_STRICT (a missed SHOULD is reported, not failed); fails for anything else. */
    public static void assertPassed(CellResult cell) {
        if (cell.verdict() != Verdict.PASS && cell.verdict() != Verdict.NON_STRICT) {
            throw new AssertionError(cell.scenario() + " [" + cell.target() + "] " + cell.verdict() + ": "
                    + cell.message() + " (its page, once the tests end: " + page(cell) + ")");
        }
    }

    public static void assertVerdict(CellResult cell, Verdict expected) {
        if (cell.verdict() != expected) {
            throw new AssertionError("expected " + expected + " for " + cell.scenario() + " [" + cell.target()
                    + "], observed " + cell.verdict() + ": " + cell.message() + " (its page, once the tests end: "
                    + page(cell) + ")");
        }
    }

    /** The cell's page in the report; a cell repeated under one name gets a numbered page, so this is the first. */
    private static java.nio.file.Path page(CellResult cell) {
        return RunReport.directory().resolve("cells").resolve(cell.slug() + ".html");
    }
}
