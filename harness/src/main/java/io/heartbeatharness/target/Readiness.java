package io.heartbeatharness.target;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * When a target the harness started by command counts as ready; a target that exits first, or is not ready
 * within {@link #timeout()}, makes the cell an ERROR. The timeout is real time: start-up does not scale.
 */
public sealed interface Readiness {

    Duration timeout();

    /** A server is ready once its port accepts a TCP connection. */
    record Port(Duration timeout) implements Readiness {
    }

    /** Ready once a line of its stdout or stderr matches {@code pattern}. */
    record LogLine(Pattern pattern, Duration timeout) implements Readiness {
    }

    /** Ready after a fixed delay (for programs that give no sign), provided it is still running then. */
    record Delay(Duration delay, Duration timeout) implements Readiness {
    }
}
