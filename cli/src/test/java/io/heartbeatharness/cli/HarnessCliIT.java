package io.heartbeatharness.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shaded jar, run as a user runs it. */
class HarnessCliIT {
    private static final Path JAR = Path.of("target", "heartbeat-harness.jar");
    private static final Path LAUNCHER = Path.of("..", "bin", "heartbeat-harness");

    record Run(int exit, String out, String err) {
    }

    private static Run run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return run(workDir, command);
    }

    private static Run run(Path workDir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).start();
        // Generous: a whole check command starts several JVMs; this only guards against a hang.
        boolean done = process.waitFor(3, TimeUnit.MINUTES);
        if (!done) {
            process.destroyForcibly();
        }
        return new Run(done ? process.exitValue() : -1,
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void listPrintsOneScenarioPerLineIdFirst(@TempDir Path dir) throws Exception {
        Run run = run(dir, "list");
        assertThat(run.exit()).isZero();
        assertThat(run.out().lines()).anyMatch(line -> line.startsWith("half-open/both "));
    }

    @Test
    void checkExitsZeroAndEndsWithThePathOfAnExistingReport(@TempDir Path dir) throws Exception {
        Run run = run(dir, "check", "--target", "ws-json server", "--scenario", "half-open/both", "--report-dir", dir.resolve("report").toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertThat(last).startsWith("report: ").endsWith("index.html");
        Path html = Path.of(last.substring("report: ".length()));
        assertThat(html).exists();
        assertThat(Files.readString(html)).contains("half-open/both", "PASS");
        assertThat(html.resolveSibling("index.json")).exists();
    }

    @Test
    void theLauncherRunsTheSerialCollectorAndTheSummarySaysHowLongItPaused(@TempDir Path dir) throws Exception {
        Run run = run(dir, List.of(LAUNCHER.toAbsolutePath().toString(), "check", "--target", "ws-json server",
                "--scenario", "half-open/both", "--report-dir", dir.resolve("report").toString()));
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).doesNotContain("warning:").containsPattern("(?m)^PASS 1 .*\\(harness GC while cells ran: .+\\)$");
    }

    @Test
    void checkOnAJvmWithG1WarnsThatItsPausesCountAgainstTargets(@TempDir Path dir) throws Exception {
        Run run = run(dir, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseG1GC",
                "-jar", JAR.toAbsolutePath().toString(), "check", "--target", "ws-json server", "--scenario",
                "half-open/both", "--report-dir", dir.resolve("report").toString()));
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("warning: this JVM collects garbage with G1 Young Generation",
                "bin/heartbeat-harness", "-XX:+UseSerialGC");
    }

    @Test
    void theLauncherSaysHowToBuildAMissingJar(@TempDir Path dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toAbsolutePath().toString(), "check");
        builder.environment().put("HARNESS_JAR", dir.resolve("missing.jar").toString());
        Process process = builder.start();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("missing.jar is missing; build it first: mvn -B -q -DskipTests package");
    }

    @Test
    void unknownScenarioIsAUsageErrorNamingIt(@TempDir Path dir) throws Exception {
        Run run = run(dir, "check", "--scenario", "no-such/thing");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no-such/thing").doesNotContain("Exception");
    }

    @Test
    void badScaleIsAUsageErrorNamingIt(@TempDir Path dir) throws Exception {
        Run run = run(dir, "check", "--scale", "-1");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("scale").doesNotContain("Exception");
    }

    @Test
    void referenceWithABadDurationExitsTwoNamingIt(@TempDir Path dir) throws Exception {
        Run run = run(dir, "reference", "--design", "line", "--role", "server", "--interval-ms", "0");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly("reference: interval-ms: must be above 0, got 0");
    }

    @Test
    void unknownCommandIsAUsageError(@TempDir Path dir) throws Exception {
        Run run = run(dir, "frobnicate");
        assertThat(run.exit()).isEqualTo(2);
    }

    @Test
    void aToxiproxyUrlOffThisMachineIsAUsageErrorSayingWhy(@TempDir Path dir) throws Exception {
        Run run = run(dir, "check", "--backend", "toxiproxy", "--toxiproxy-url", "http://192.0.2.1:8474");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--toxiproxy-url", "must run on this machine").doesNotContain("Exception");
    }

    @Test
    void aToxiproxyUrlWhereNothingAnswersIsAUsageErrorSayingSo(@TempDir Path dir) throws Exception {
        // Port 1 (tcpmux) is never served on a test machine: the connection is refused at once.
        Run run = run(dir, "check", "--backend", "toxiproxy", "--toxiproxy-url", "http://127.0.0.1:1");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no Toxiproxy answers at http://127.0.0.1:1").doesNotContain("Exception");
    }

    @Test
    void aToxiproxyUrlNeedsTheToxiproxyBackend(@TempDir Path dir) throws Exception {
        Run run = run(dir, "check", "--toxiproxy-url", "http://127.0.0.1:8474");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--toxiproxy-url: only with --backend toxiproxy");
    }
}
