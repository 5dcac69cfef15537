package io.heartbeatharness.result;

import org.HdrHistogram.Histogram;

import java.util.Collection;
import java.util.Optional;

/**
 * Min, median, 95th percentile and max of a duration over repetitions, in milliseconds, read from an
 * HdrHistogram.
 *
 * @param count how many values were recorded
 */
public record Distribution(long count, long min, long p50, long p95, long max) {
    /**
     * Four significant digits: every value below 32 768 ms (far above any CI-scaled budget) is exact to the
     * millisecond, so the figures match the verdict sentences; above that the error stays under 0.1 %.
     */
    private static final int SIGNIFICANT_DIGITS = 4;

    /** The distribution of {@code values} ({@code null} entries skipped), or empty when none is left. */
    public static Optional<Distribution> of(Collection<Long> values) {
        Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
        for (Long value : values) {
            if (value != null) {
                histogram.recordValue(Math.max(0, value));
            }
        }
        if (histogram.getTotalCount() == 0) {
            return Optional.empty();
        }
        return Optional.of(new Distribution(histogram.getTotalCount(), histogram.getMinValue(),
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(95), histogram.getMaxValue()));
    }
}
