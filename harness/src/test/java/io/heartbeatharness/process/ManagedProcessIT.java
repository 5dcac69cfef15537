package io.heartbeatharness.process;

import io.heartbeatharness.reference.ReferenceMain;
import io.heartbeatharness.timeline.Timeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Process control for real: SIGSTOP, SIGCONT, kill -9 and clean-up that leaves nothing behind. */
class ManagedProcessIT {
    /** Far longer than any test here: a process still sleeping afterwards was left behind. */
    private static final List<String> SLEEP = List.of("sleep", "300");
    /** How long the kernel and the JDK's reaper may take to make a killed process disappear; a guard, not a budget. */
    private static final Duration GONE = Duration.ofSeconds(10);

    private final Timeline timeline = new Timeline();
    private final List<Long> strays = new ArrayList<>();

    @AfterEach
    void killStraysAndCheckNothingIsLeft() {
        for (long pid : strays) {
            ProcessHandle.of(pid).ifPresent(handle -> {
                Signals.sendQuietly("CONT", handle);
                handle.destroyForcibly();
            });
        }
        ProcessReaper.reapAll();
        assertThat(ProcessReaper.live()).isZero();
    }

    private static Optional<Character> state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Optional.of(stat.charAt(stat.lastIndexOf(')') + 2));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    private static boolean gone(long pid) {
        return state(pid).map(s -> s == 'Z' || s == 'X').orElse(true);
    }

    @Test
    void sigstopFreezesAndSigcontResumes() {
        try (ManagedProcess sleeper = ManagedProcess.start("sleeper", SLEEP, timeline)) {
            sleeper.sigstop();
            await("the process is stopped").atMost(GONE).until(() -> state(sleeper.pid()).orElse('?') == 'T');
            assertThat(sleeper.isStopped()).isTrue();
            sleeper.sigcont();
            await("the process runs again").atMost(GONE).until(() -> state(sleeper.pid()).orElse('?') == 'S');
            assertThat(timeline.events().stream().map(e -> e.type())).contains("sigstop", "sigcont");
        }
    }

    @Test
    void closingAStoppedProcessResumesAndKillsIt() {
        ManagedProcess sleeper = ManagedProcess.start("sleeper", SLEEP, timeline);
        sleeper.sigstop();
        await("the process is stopped").atMost(GONE).until(() -> state(sleeper.pid()).orElse('?') == 'T');
        sleeper.close();
        assertThat(sleeper.isAlive()).isFalse();
        assertThat(gone(sleeper.pid())).isTrue();
        assertThat(ProcessReaper.live()).isZero();
    }

    @Test
    void closeKillsEverythingTheProcessStartedEvenAGrandchildThatWasReparented() throws Exception {
        // The subshell starts a sleep and exits at once, so that sleep is no longer anyone's descendant here;
        // only the process group still ties it to the target.
        ManagedProcess shell = ManagedProcess.start("shell",
                List.of("sh", "-c", "(sleep 300 & echo $!); sleep 300 & echo $!; wait"), timeline);
        await("both pids printed").atMost(GONE).until(() -> shell.stdoutTail().lines().count() >= 2);
        List<Long> pids = shell.stdoutTail().lines().map(Long::parseLong).toList();
        strays.addAll(pids);
        shell.close();
        for (long pid : pids) {
            await("process " + pid + " is gone").atMost(GONE).until(() -> gone(pid));
        }
    }

    @Test
    void anEventOfAnEarlierProcessOfTheSameNameDoesNotCountForTheNewOne() {
        List<String> server = JavaLauncher.command(ReferenceMain.class.getName(),
                List.of("--design", "ws-json", "--role", "server"));
        try (ManagedProcess first = ManagedProcess.start("server", server, timeline)) {
            first.awaitEvent("listening event", e -> e.is("listening"), GONE);
        }
        try (ManagedProcess restarted = ManagedProcess.start("server", SLEEP, timeline)) {
            assertThatThrownBy(() -> restarted.awaitEvent("listening event", e -> e.is("listening"), Duration.ofMillis(300)))
                    .isInstanceOf(ProcessStartException.class).hasMessageContaining("no listening event");
        }
    }

    /** Fields 5 and 6 of /proc/<pid>/stat: process group and session. */
    private static long[] groupAndSession(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(fields[2]), Long.parseLong(fields[3])};
    }

    @Test
    void aProcessGetsAGroupOfItsOwnInTheHarnesssSessionSoTheSchedulerDoesNotTreatItAsAnotherSession()
            throws Exception {
        try (ManagedProcess sleeper = ManagedProcess.start("sleeper", SLEEP, timeline)) {
            long[] ours = groupAndSession(ProcessHandle.current().pid());
            await("the sleeper runs sleep").atMost(GONE).until(() -> Files.readString(
                    Path.of("/proc", Long.toString(sleeper.pid()), "cmdline")).startsWith("sleep"));
            long[] its = groupAndSession(sleeper.pid());
            assertThat(its[0]).as("process group").isEqualTo(sleeper.pid());
            assertThat(its[1]).as("session").isEqualTo(ours[1]);
        }
    }

    @Test
    void aCommandThatCannotRunSaysSoAndExitsAsAShellWould() {
        try (ManagedProcess missing = ManagedProcess.start("missing", List.of("no-such-command-here"), timeline)) {
            assertThatThrownBy(() -> missing.awaitReady("readiness", () -> false, GONE))
                    .isInstanceOf(ProcessStartException.class)
                    .hasMessageContaining("exited with status 127")
                    .hasMessageContaining("cannot execute no-such-command-here: No such file or directory");
        }
    }

    @Test
    void argumentsReachTheProcessAsTheyAreNeverThroughAShell(@TempDir Path dir) throws Exception {
        Path witness = dir.resolve("a-shell-ran-this");
        String hostile = "$(touch " + witness + "); `touch " + witness + "` | touch " + witness + " && echo *";
        try (ManagedProcess echo = ManagedProcess.start("echo", List.of("echo", hostile), timeline)) {
            await("echo printed its argument").atMost(GONE).until(() -> !echo.stdoutTail().isEmpty());
            assertThat(echo.stdoutTail()).isEqualTo(hostile);
        }
        assertThat(witness).doesNotExist();
    }

    @Test
    void childrenCarryTheirRunsMarkerWhateverTheirEnvironmentSays() throws Exception {
        try (ManagedProcess env = ManagedProcess.start("printenv", List.of("printenv", RunMarker.ENV),
                Map.of(RunMarker.ENV, "forged"), null, timeline)) {
            await("printenv printed the marker").atMost(GONE).until(() -> !env.stdoutTail().isEmpty());
            assertThat(env.stdoutTail()).isEqualTo(RunMarker.current().id());
        }
    }

    @Test
    void kill9EndsTheProcessAtOnce() {
        try (ManagedProcess sleeper = ManagedProcess.start("sleeper", SLEEP, timeline)) {
            sleeper.kill9();
            assertThat(sleeper.isAlive()).isFalse();
            assertThat(timeline.events().stream().map(e -> e.type())).contains("sigkill");
        }
    }

    @Test
    void aHarnessKilledWithSigkillLeavesNoStoppedProcessBehind() throws Exception {
        Process harness = new ProcessBuilder(JavaLauncher.command(OrphanMaker.class.getName(), List.of()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long sleeper;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(harness.getInputStream(), StandardCharsets.UTF_8))) {
                sleeper = Long.parseLong(out.readLine().trim());
            }
            strays.add(sleeper);
            await("the sleeper is stopped").atMost(GONE).until(() -> state(sleeper).orElse('?') == 'T');
            harness.destroyForcibly();
            harness.waitFor();
            await("the orphan guard resumes and kills the stopped sleeper").atMost(GONE).until(() -> gone(sleeper));
        } finally {
            harness.destroyForcibly();
        }
    }
}
