package io.heartbeatharness.backend;

/** The fault backend cannot make this fault here (a tool is missing, a capability absent): the cell is UNSUPPORTED. */
public final class UnsupportedFault extends RuntimeException {
    public UnsupportedFault(String message) {
        super(message);
    }
}
