package io.heartbeatharness.scenario;

/** How strongly a scenario's expectation binds (RFC 2119): a missed MUST is FAIL, a missed SHOULD NON_STRICT. */
public enum Requirement {
    MUST,
    SHOULD
}
