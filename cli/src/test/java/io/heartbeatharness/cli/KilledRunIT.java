package io.heartbeatharness.cli;

import io.heartbeatharness.nginx.Nginx;
import io.heartbeatharness.kernel.KernelNames;
import io.heartbeatharness.kernel.KernelSupport;
import io.heartbeatharness.kernel.StaleKernelNetworks;
import io.heartbeatharness.process.LeftoverProcesses;
import io.heartbeatharness.process.LeftoverProcesses.Proc;
import io.heartbeatharness.process.Leftovers;
import io.heartbeatharness.process.RunMarker;
import io.heartbeatharness.testing.Prerequisites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The harness CLI killed with SIGKILL in the middle of a {@code frozen-client} cell (its peer client SIGSTOPped)
 * and of an nginx cell, its orphan guard killed with it: the next run removes every process the killed run left —
 * the stopped client, nginx and its workers, reference processes — and nginx's directory.
 */
class KilledRunIT {
    private static final Path JAR = Path.of("target", "heartbeat-harness.jar").toAbsolutePath();
    /** How long start-up may take on a loaded machine before the cells are under way; a guard against a hang. */
    private static final Duration STARTUP = Duration.ofMinutes(3);
    /** How long the kernel may take to make killed processes disappear; a guard, not a budget. */
    private static final Duration GONE = Duration.ofSeconds(30);

    private final List<Process> runs = new ArrayList<>();
    private RunMarker killed;

    @AfterEach
    void killEverythingStarted() {
        for (Process run : runs) {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
        if (killed != null) {
            // Whatever the test's outcome, nothing of the killed run may stay (stopped or not) after this test.
            LeftoverProcesses.ownedBy(killed).forEach(p -> ProcessHandle.of(p.pid()).ifPresent(h -> {
                sigcont(p.pid());
                h.destroyForcibly();
            }));
        }
    }

    private Process check(Path dir, String name, String... selection) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "check", "--report-dir", dir.resolve(name).toString(), "--jobs", "2"));
        command.addAll(List.of(selection));
        Process run = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile())
                .start();
        runs.add(run);
        return run;
    }

    @Test
    void theNextRunRemovesEverythingARunKilledMidCellLeftBehind(@TempDir Path dir) throws Exception {
        Prerequisites.assume(Nginx.unavailableReason());
        Prerequisites.assume(Prerequisites.findTool("perl").or(() -> Prerequisites.findTool("setsid")).isPresent()
                ? Optional.empty()
                : Optional.of("neither perl nor setsid is installed: processes cannot get a process group of their own"));

        Process first = check(dir, "first", "--target", "ws-json server",
                "--scenario", "frozen-client", "--scenario", "proxy-idle/nginx-keeps-alive");
        killed = RunMarker.of(first.pid()).orElseThrow();
        await("a SIGSTOPped client and nginx, both of the first run").atMost(STARTUP).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    List<Proc> owned = LeftoverProcesses.ownedBy(killed);
                    return owned.stream().anyMatch(p -> p.state() == 'T')
                            && owned.stream().anyMatch(p -> p.command().startsWith("nginx"));
                });
        // The guard would clean up on its own; killing it too leaves the next run as the only line of defence.
        // The guard is "sh -c …"; sh may be dash or bash.
        ProcessHandle guard = first.children().filter(c -> c.info().command().orElse("").endsWith("sh"))
                .findFirst().orElseThrow();
        guard.destroyForcibly();
        first.destroyForcibly();
        first.waitFor();
        await("the guard is gone").atMost(GONE).until(() -> !guard.isAlive());

        // The frozen client's process group is orphaned now (its parent is gone, and it shares the harness's session),
        // so the kernel sends it SIGHUP and SIGCONT, and the client ends on its own. nginx, which is not stopped, gets
        // nothing and stays behind for the next run.
        assertThat(LeftoverProcesses.ownedBy(killed)).as("what the killed run left")
                .anyMatch(p -> p.command().startsWith("nginx"));
        assertThat(nginxDirs(killed)).as("nginx's directory of the killed run").isNotEmpty();

        Process second = check(dir, "second", "--target", "ws-json server", "--scenario", "half-open/both");
        // Processes are removed first, directories after them: wait for both.
        await("nothing of the killed run survives the next run's start").atMost(STARTUP)
                .until(() -> LeftoverProcesses.ownedBy(killed).stream().allMatch(p -> p.state() == 'Z')
                        && nginxDirs(killed).isEmpty());
        assertThat(second.waitFor(STARTUP.toMillis(), TimeUnit.MILLISECONDS)).as("the second run ends").isTrue();
        assertThat(Files.readString(dir.resolve("second.err")))
                .contains("removed what a killed run left behind", "nginx");
    }

    @Test
    void theNextRunRemovesTheNamespacesOfARunKilledMidKernelCell(@TempDir Path dir) throws Exception {
        Prerequisites.assume(KernelSupport.unavailableReason());

        Process first = check(dir, "first", "--backend", "kernel", "--target", "tcp-keepalive server",
                "--scenario", "tcp-keepalive/blackhole");
        // Mid cell: all three namespaces made (client, NAT router, server) and a reference process started in one,
        // not while the network is still being built.
        await("the first run's namespaces, and a process in them").atMost(STARTUP).pollInterval(Duration.ofMillis(50))
                .until(() -> namespacesOf(first.pid()).size() >= 3 && first.descendants()
                        .anyMatch(p -> p.info().commandLine().orElse("").contains("ReferenceMain")));
        killed = RunMarker.of(first.pid()).orElse(null);
        first.children().forEach(ProcessHandle::destroyForcibly);
        first.destroyForcibly();
        first.waitFor();
        assertThat(namespacesOf(first.pid())).as("what the killed run left").isNotEmpty();

        Process second = check(dir, "second", "--target", "ws-json server", "--scenario", "half-open/both");
        await("no namespace of the killed run survives the next run's start").atMost(STARTUP)
                .until(() -> namespacesOf(first.pid()).isEmpty());
        assertThat(second.waitFor(STARTUP.toMillis(), TimeUnit.MILLISECONDS)).as("the second run ends").isTrue();
        assertThat(Files.readString(dir.resolve("second.err"))).contains("network hh" + first.pid());
    }

    private static List<String> namespacesOf(long pid) {
        return StaleKernelNetworks.ownedNamespaces().stream()
                .filter(name -> KernelNames.owner(name).orElse(-1) == pid).toList();
    }

    private static List<Path> nginxDirs(RunMarker run) throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith(run.name(Leftovers.NGINX_PREFIX) + "-"))
                    .toList();
        }
    }

    private static void sigcont(long pid) {
        try {
            new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // Nothing to resume with; destroyForcibly still kills it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
