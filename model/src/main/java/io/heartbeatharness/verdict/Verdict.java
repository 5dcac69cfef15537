package io.heartbeatharness.verdict;

/** The outcome of one cell, graded as conformance tools grade (Autobahn|Testsuite, h2spec). */
public enum Verdict {
    /** Every expectation held within its budget. */
    PASS,
    /** A MUST expectation was missed. */
    FAIL,
    /** Only a SHOULD expectation was missed. */
    NON_STRICT,
    /** The fault backend cannot make this fault; nothing was judged. */
    UNSUPPORTED,
    /** The harness or the target's start-up broke: never a PASS, never blamed on the target. */
    ERROR;

    /** Whether a run containing this verdict must exit non-zero. */
    public boolean failsRun() {
        return this == FAIL || this == ERROR;
    }
}
