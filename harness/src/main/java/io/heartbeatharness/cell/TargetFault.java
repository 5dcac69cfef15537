package io.heartbeatharness.cell;

/**
 * The target itself made the fault plan impossible (it connected but never exchanged a heartbeat, say): the
 * cell is a FAIL with this message, since the target — not the harness — broke the expectation.
 */
public final class TargetFault extends RuntimeException {
    public TargetFault(String message) {
        super(message);
    }
}
