package io.heartbeatharness.verdict;

/** The harness itself could not carry out a cell (never the target's fault): the cell is an ERROR. */
public final class HarnessException extends RuntimeException {
    public HarnessException(String message) {
        super(message);
    }
}
