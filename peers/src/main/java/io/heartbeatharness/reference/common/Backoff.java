package io.heartbeatharness.reference.common;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential reconnect backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * attempt n waits a uniformly random time in [0, min(max, initial × 2ⁿ)].
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final boolean jitter;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max, boolean jitter, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
        this.random = random;
    }

    /**
     * The backoff a client runs with: its declared initial and maximum delay, with full jitter unless the declared
     * parameters or {@link KnownBad#NO_JITTER} say otherwise.
     */
    public static Backoff forClient(ClientConfig config, DoubleSupplier random) {
        return new Backoff(config.heartbeat().backoffInitial(), config.heartbeat().backoffMax(),
                config.heartbeat().jitter() && !config.has(KnownBad.NO_JITTER), random);
    }

    /** The cap for attempt {@code n} (0-based): min(max, initial × 2ⁿ). */
    public Duration cap(int attempt) {
        long capNanos = initial.toNanos();
        for (int i = 0; i < attempt && capNanos < max.toNanos(); i++) {
            capNanos *= 2;
        }
        return Duration.ofNanos(Math.min(capNanos, max.toNanos()));
    }

    /**
     * The delay before attempt {@code n}: the cap itself without jitter, a uniform draw below it with — in whole
     * milliseconds, so the {@code delay_ms} a client logs is exactly the delay it waits.
     */
    public Duration delay(int attempt) {
        Duration cap = cap(attempt);
        return jitter ? Duration.ofMillis((long) (random.getAsDouble() * cap.toMillis())) : cap;
    }
}
