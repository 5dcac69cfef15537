package io.heartbeatharness.reference;

import io.heartbeatharness.process.JavaLauncher;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference runner as its own process, the way the harness starts it. */
class ReferenceMainIT {

    @Test
    void aBadConfigurationExitsTwoWithOneLineOnStderr() throws Exception {
        Process process = new ProcessBuilder(JavaLauncher.command(ReferenceMain.class.getName(),
                List.of("--design", "line", "--role", "server", "--timeout-ms", "0"))).start();
        // A guard against a hang only: the process must exit as soon as it has parsed its arguments.
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(err.lines().toList()).containsExactly("reference: timeout-ms: must be above 0, got 0");
        assertThat(out).isEmpty();
    }
}
