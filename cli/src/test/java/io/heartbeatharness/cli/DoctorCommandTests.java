package io.heartbeatharness.cli;

import io.heartbeatharness.doctor.Finding;
import io.heartbeatharness.doctor.Prerequisite;
import io.heartbeatharness.doctor.PrerequisiteCatalogue;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code doctor} over fake prerequisites: its lines, its summary and its exit status; nothing on the machine is asked. */
class DoctorCommandTests {
    private static final Prerequisite NGINX = new Prerequisite("nginx", "proxy-idle/* cells (6)",
            () -> Finding.ok("nginx 1.22.1"), "apt-get install nginx-light");
    private static final Prerequisite MISSING_NGINX = new Prerequisite("nginx", "proxy-idle/* cells (6)",
            () -> Finding.missing("nginx: not installed"), "apt-get install nginx-light");
    private static final Prerequisite PARTIAL_PYTHON = new Prerequisite("python3", "aiohttp, tornado examples",
            () -> Finding.partial("python3 on PATH lacks the modules", "export PATH=/usr/bin:$PATH")
                    .withNote("/usr/bin/python3 has them"), "apt-get install python3-aiohttp python3-tornado");
    private static final Prerequisite JAVA = new Prerequisite("java", "runs the harness",
            () -> Finding.ok("java 17.0.15"), "apt-get install openjdk-17-jre-headless");

    private String output;

    private int run(List<Prerequisite> prerequisites, Duration deadline, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new DoctorCommand(() -> prerequisites, deadline));
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute(args);
        output = out.toString();
        return exit;
    }

    private List<String> lines() {
        return output.lines().toList();
    }

    @Test
    void everythingPresentIsOneOkLineEachAndExitsZeroEvenWhenStrict() {
        assertThat(run(List.of(JAVA, NGINX), Duration.ofSeconds(5), "--strict")).isEqualTo(HarnessCli.EXIT_OK);
        assertThat(lines()).hasSize(4);
        assertThat(lines().get(0)).startsWith("heartbeat-harness ").contains(" doctor, in ");
        assertThat(lines().get(1)).matches("  ok {7}java 17\\.0\\.15 +runs the harness");
        assertThat(lines().get(2)).matches("  ok {7}nginx 1\\.22\\.1 +proxy-idle/\\* cells \\(6\\)");
        assertThat(lines().get(3)).isEqualTo("all 2 present: every cell and test can run here.");
    }

    @Test
    void whatIsMissingNamesTheCommandThatInstallsItAndStillExitsZero() {
        assertThat(run(List.of(JAVA, MISSING_NGINX, PARTIAL_PYTHON), Duration.ofSeconds(5)))
                .isEqualTo(HarnessCli.EXIT_OK);
        assertThat(lines().get(2)).startsWith("  missing  nginx: not installed")
                .contains("proxy-idle/* cells (6)").endsWith("apt-get install nginx-light");
        assertThat(lines().get(3)).startsWith("  partial  python3 on PATH lacks the modules")
                .endsWith("export PATH=/usr/bin:$PATH  # /usr/bin/python3 has them");
        assertThat(lines().get(4)).isEqualTo("1 of 3 missing, 1 partial: what they enable is UNSUPPORTED, cannot "
                + "start or is skipped (see above).");
    }

    @Test
    void columnsLineUp() {
        List<Prerequisite> prerequisites = List.of(JAVA, MISSING_NGINX, PARTIAL_PYTHON);
        run(prerequisites, Duration.ofSeconds(5));
        List<Integer> enablesAt = new java.util.ArrayList<>();
        for (int i = 0; i < prerequisites.size(); i++) {
            enablesAt.add(lines().get(i + 1).indexOf(prerequisites.get(i).enables()));
        }
        assertThat(enablesAt).containsOnly(enablesAt.get(0)).doesNotContain(-1);
    }

    @Test
    void strictExitsOneWhenAnythingIsMissingOrPartial() {
        assertThat(run(List.of(JAVA, MISSING_NGINX), Duration.ofSeconds(5), "--strict")).isEqualTo(HarnessCli.EXIT_FAILED);
        assertThat(run(List.of(JAVA, PARTIAL_PYTHON), Duration.ofSeconds(5), "--strict")).isEqualTo(HarnessCli.EXIT_FAILED);
        assertThat(lines().get(lines().size() - 1)).startsWith("1 of 2 partial:");
    }

    @Test
    void aCheckThatHangsOrThrowsCountsAsMissingWithoutHoldingTheOthersBack() {
        Prerequisite hangs = new Prerequisite("docker", "--backend toxiproxy", () -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Finding.ok("docker");
        }, "apt-get install docker.io");
        Prerequisite throwing = new Prerequisite("node", "Node.js examples", () -> {
            throw new IllegalStateException("boom");
        }, "apt-get install nodejs npm");
        long start = System.nanoTime();
        assertThat(run(List.of(hangs, throwing, NGINX), Duration.ofMillis(300))).isEqualTo(HarnessCli.EXIT_OK);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(lines().get(1)).startsWith("  missing  docker: its check did not finish within 300 ms")
                .endsWith("apt-get install docker.io");
        assertThat(lines().get(2)).startsWith("  missing  node: its check failed: java.lang.IllegalStateException: boom");
        assertThat(lines().get(3)).startsWith("  ok       nginx 1.22.1");
    }

    @Test
    void theCatalogueNamesEveryPrerequisiteOnceWithAnInstallCommand() {
        List<Prerequisite> all = PrerequisiteCatalogue.all();
        assertThat(all).extracting(Prerequisite::name).doesNotHaveDuplicates()
                .contains("java", "nginx", "kernel", "docker", "browser", "node", "python3", "mosquitto", "java-mqtt");
        assertThat(all).allSatisfy(p -> assertThat(p.install()).isNotBlank());
        assertThat(all).filteredOn(p -> p.name().equals("nginx")).singleElement()
                .satisfies(p -> assertThat(p.install()).isEqualTo("apt-get install nginx-light"));
    }
}
