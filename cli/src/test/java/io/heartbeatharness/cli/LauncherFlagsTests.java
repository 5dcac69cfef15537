package io.heartbeatharness.cli;

import io.heartbeatharness.time.HarnessPauses;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The JVM flags that keep the harness's pauses short live in three places; they must say the same. */
class LauncherFlagsTests {

    @Test
    void theLauncherGivesJavaTheRecommendedFlags() throws Exception {
        assertThat(Files.readString(Path.of("..", "bin", "heartbeat-harness")))
                .contains("exec java " + HarnessPauses.RECOMMENDED_FLAGS + " ");
    }

    @Test
    void theIntegrationTestJvmsGetTheRecommendedFlags() throws Exception {
        assertThat(Files.readString(Path.of("..", "pom.xml")))
                .contains("<harness.jvm.flags>" + HarnessPauses.RECOMMENDED_FLAGS + "</harness.jvm.flags>",
                        "<argLine>${harness.jvm.flags}</argLine>");
    }
}
