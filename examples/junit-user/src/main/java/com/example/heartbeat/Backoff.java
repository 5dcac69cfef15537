package com.example.heartbeat;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: attempt n waits a random time in [0, min(max, initial × 2ⁿ)], so clients cut
 * off together do not all come back at the same instant.
 */
record Backoff(long initialMs, long maxMs) {

    long delayMs(int attempt) {
        long cap = Math.min(maxMs, initialMs << Math.min(attempt, 30));
        return ThreadLocalRandom.current().nextLong(cap + 1);
    }
}
