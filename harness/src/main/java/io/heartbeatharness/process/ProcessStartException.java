package io.heartbeatharness.process;

/** A process could not be started or never became ready; the message carries the tail of its stderr. */
public final class ProcessStartException extends RuntimeException {
    public ProcessStartException(String message) {
        super(message);
    }

    public ProcessStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
