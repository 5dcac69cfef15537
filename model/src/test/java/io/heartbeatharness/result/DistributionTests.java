package io.heartbeatharness.result;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DistributionTests {

    @Test
    void millisecondsUnderThirtyTwoSecondsAreExact() {
        assertThat(Distribution.of(List.of(3506L, 3495L, 3521L))).contains(new Distribution(3, 3495, 3506, 3521, 3521));
        assertThat(Distribution.of(List.of(32_767L))).contains(new Distribution(1, 32_767, 32_767, 32_767, 32_767));
    }

    @Test
    void percentilesComeFromTheHistogram() {
        List<Long> values = new ArrayList<>();
        for (long v = 1; v <= 100; v++) {
            values.add(v);
        }
        assertThat(Distribution.of(values)).contains(new Distribution(100, 1, 50, 95, 100));
    }

    @Test
    void missingValuesAreSkippedAndNoneLeftIsNoDistribution() {
        assertThat(Distribution.of(Arrays.asList(null, 7L, null))).contains(new Distribution(1, 7, 7, 7, 7));
        assertThat(Distribution.of(Arrays.asList((Long) null))).isEmpty();
        assertThat(Distribution.of(List.of())).isEmpty();
    }

    @Test
    void aZeroDetectionIsAValueNotAMissingOne() {
        assertThat(Distribution.of(List.of(0L, 0L))).contains(new Distribution(2, 0, 0, 0, 0));
    }
}
