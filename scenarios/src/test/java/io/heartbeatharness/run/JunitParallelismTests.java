package io.heartbeatharness.run;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JUnit matrix of this repository (the catalogue's own in {@code scenarios}, a team's in {@code junit}) runs
 * as many cells at once as {@code check} does: one figure, measured once.
 */
class JunitParallelismTests {

    @ParameterizedTest
    @ValueSource(strings = {"src/test/resources/junit-platform.properties",
            "../junit/src/test/resources/junit-platform.properties"})
    void eachJunitMatrixRunsAsManyCellsAtOnceAsCheck(String file) throws IOException {
        Properties junit = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(file))) {
            junit.load(in);
        }
        assertThat(junit.getProperty("junit.jupiter.execution.parallel.config.fixed.parallelism")).as(file)
                .isEqualTo(Integer.toString(RunDefaults.JOBS));
        assertThat(junit.getProperty("junit.jupiter.execution.parallel.config.fixed.max-pool-size")).as(file)
                .isEqualTo(Integer.toString(RunDefaults.JOBS));
    }
}
