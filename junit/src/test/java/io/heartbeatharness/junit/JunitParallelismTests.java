package io.heartbeatharness.junit;

import io.heartbeatharness.run.RunDefaults;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The JUnit matrix runs as many cells at once as {@code check} does: one figure, measured once. */
class JunitParallelismTests {
    @Test
    void theJunitMatrixRunsAsManyCellsAtOnceAsCheck() throws IOException {
        Properties junit = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/junit-platform.properties")) {
            assertThat(in).as("junit-platform.properties on the test class path").isNotNull();
            junit.load(in);
        }
        assertThat(junit.getProperty("junit.jupiter.execution.parallel.config.fixed.parallelism"))
                .isEqualTo(Integer.toString(RunDefaults.JOBS));
        assertThat(junit.getProperty("junit.jupiter.execution.parallel.config.fixed.max-pool-size"))
                .isEqualTo(Integer.toString(RunDefaults.JOBS));
    }
}
