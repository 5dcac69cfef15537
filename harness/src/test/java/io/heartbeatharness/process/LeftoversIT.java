package io.heartbeatharness.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/** What killed runs leave behind is found by its run marker and removed; what live runs own is left alone. */
class LeftoversIT {
    /** How long the kernel may take to make a killed process disappear; a guard, not a budget. */
    private static final Duration GONE = Duration.ofSeconds(10);

    private final List<Process> started = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();
    /** Processes no {@link Process} object here owns, killed after each test whatever happened. */
    private final List<Long> strays = new ArrayList<>();

    @AfterEach
    void cleanUp() throws IOException {
        for (Process process : started) {
            process.descendants().forEach(h -> {
                Signals.sendQuietly("CONT", h);
                h.destroyForcibly();
            });
            Signals.sendQuietly("CONT", process.toHandle());
            process.destroyForcibly();
        }
        for (long pid : strays) {
            ProcessHandle.of(pid).ifPresent(h -> {
                Signals.sendQuietly("CONT", h);
                h.destroyForcibly();
            });
        }
        for (Path dir : dirs) {
            Files.deleteIfExists(dir);
        }
    }

    /** The marker of a run that is over: this JVM's pid with another start time, as after the pid was reused. */
    private static RunMarker deadRun() {
        RunMarker self = RunMarker.current();
        return new RunMarker(self.pid(), self.startTicks() + 1);
    }

    private Process stoppedSleeper(RunMarker owner) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(OwnGroup.tool("setsid").orElseThrow(), "sleep", "300");
        builder.environment().put(RunMarker.ENV, owner.id());
        Process sleeper = builder.start();
        started.add(sleeper);
        Signals.send("STOP", sleeper.toHandle());
        await("the sleeper is stopped").atMost(GONE).until(() -> state(sleeper.pid()) == 'T');
        return sleeper;
    }

    private static char state(long pid) {
        return LeftoverProcesses.stat(pid).map(LeftoverProcesses.Proc::state).orElse('X');
    }

    private static boolean gone(long pid) {
        char state = state(pid);
        return state == 'X' || state == 'Z';
    }

    @Test
    void theMarkerTellsALiveRunFromADeadOneEvenWhenThePidIsReused() {
        assumeThat(Files.isDirectory(Path.of("/proc/self"))).as("/proc exists").isTrue();
        assertThat(RunMarker.current().isDead()).isFalse();
        assertThat(deadRun().isDead()).isTrue();
        assertThat(RunMarker.parse(RunMarker.current().id())).hasValue(RunMarker.current());
        assertThat(RunMarker.fromName("hh", RunMarker.current().name("hh") + "-x12")).hasValue(RunMarker.current());
        assertThat(RunMarker.findName("hh", "nginx: master process -p /tmp/" + RunMarker.current().name("hh") + "-7/"))
                .hasValue(RunMarker.current());
        assertThat(RunMarker.parse("12-x")).isEmpty();
    }

    @Test
    void aStoppedProcessOfADeadRunIsResumedAndKilledWithItsGroupAndALiveRunsIsLeftAlone() throws Exception {
        assumeThat(OrphanGuard.groupsAvailable()).as("setsid exists").isTrue();
        Process leftover = stoppedSleeper(deadRun());
        Process mine = stoppedSleeper(RunMarker.current());

        List<String> removed = Leftovers.removeAll();

        await("the dead run's stopped sleeper is gone").atMost(GONE).until(() -> gone(leftover.pid()));
        assertThat(removed).anySatisfy(r -> assertThat(r).contains("process " + leftover.pid(), "stopped"));
        assertThat(state(mine.pid())).as("this run's own sleeper").isEqualTo('T');
    }

    @Test
    void aDeadRunsTemporaryDirectoryIsDeletedAndALiveRunsKept() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path dead = Files.createTempDirectory(tmp, deadRun().name(Leftovers.NGINX_PREFIX) + "-");
        Files.writeString(dead.resolve("nginx.conf"), "events {}");
        Path live = Files.createTempDirectory(tmp, RunMarker.current().name(Leftovers.NGINX_PREFIX) + "-");
        dirs.add(live);

        Leftovers.removeAll();

        assertThat(dead).doesNotExist();
        assertThat(live).isDirectory();
    }

    @Test
    void aHarnessKilledTogetherWithItsOrphanGuardIsCleanedUpByTheNextRun() throws Exception {
        assumeThat(OrphanGuard.groupsAvailable()).as("setsid exists").isTrue();
        // nohup: the sleeper ignores SIGHUP. Its group is orphaned when the harness dies, and the kernel then sends a
        // group with a stopped member SIGHUP and SIGCONT, which would end a plain sleep before the next run could.
        Process harness = new ProcessBuilder(JavaLauncher.command(OrphanMaker.class.getName(),
                List.of("nohup", "sleep", "300")))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(harness);
        long sleeper;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(harness.getInputStream(), StandardCharsets.UTF_8))) {
            sleeper = Long.parseLong(out.readLine().trim());
        }
        strays.add(sleeper);
        await("the sleeper is stopped").atMost(GONE).until(() -> state(sleeper) == 'T');
        ProcessHandle guard = harness.children().filter(c -> c.pid() != sleeper)
                .filter(c -> c.info().command().orElse("").endsWith("sh")).findFirst().orElseThrow();

        guard.destroyForcibly(); // SIGKILL: the guard never sees its end of file
        await("the guard is gone").atMost(GONE).until(() -> gone(guard.pid()));
        harness.destroyForcibly();
        harness.waitFor();
        assertThat(gone(sleeper)).as("with its harness and guard killed, the sleeper outlives them").isFalse();

        List<String> removed = Leftovers.removeAll();

        await("the next run removes the stopped sleeper").atMost(GONE).until(() -> gone(sleeper));
        assertThat(removed).anySatisfy(r -> assertThat(r).contains("process " + sleeper));
    }
}
