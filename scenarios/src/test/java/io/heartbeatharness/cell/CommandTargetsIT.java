package io.heartbeatharness.cell;

import io.heartbeatharness.run.CellRunner;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.target.Readiness;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.target.TargetLaunch;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.process.ManagedProcess;
import io.heartbeatharness.process.ProcessStartException;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.scenario.halfopen.HalfOpen;
import io.heartbeatharness.spec.TargetSpecs;
import io.heartbeatharness.testing.RequiresTool;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Timeline;
import io.heartbeatharness.timeline.TimelineEvent;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Targets started by command, for real: placeholders reach the program, each readiness kind waits for what it
 * says, and a program that dies or never gets ready is a start-up error carrying its stderr, with nothing left running.
 * The programs are small {@code sh} scripts given as argv, the way a spec gives any program.
 */
@RequiresTool(value = "sh", reason = "the stand-in targets are sh scripts")
class CommandTargetsIT {
    private static final HeartbeatParams SCALED = HeartbeatParams.SEED_000.scaled(RunDefaults.CI_SCALE);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

    private static TargetLaunch.Command sh(String script, Path dir, Readiness readiness) {
        return new TargetLaunch.Command(List.of("sh", "-c", script, "target", "${port}", "${interval_ms}"),
                Map.of("HB_PATH", "${path}"), dir, readiness);
    }

    @Test
    void placeholdersReachArgvAndEnvironmentAndALogLineMakesItReady(@TempDir Path dir) {
        Timeline timeline = new Timeline();
        TargetLaunch.Command launch = sh("echo starting; sleep 0.3; echo \"ready port=$1 interval=$2 path=$HB_PATH\"; exec sleep 30",
                dir, new Readiness.LogLine(Pattern.compile("^ready port=\\d+"), READY_TIMEOUT));

        CommandTargets.Started started = CommandTargets.start("target", launch, Side.CLIENT, 4321, "/hb", SCALED, timeline);
        try (ManagedProcess process = (ManagedProcess) started.process()) {
            assertThat(process.stdoutTail()).contains("ready port=4321 interval=" + SCALED.interval().toMillis() + " path=/hb");
            assertThat(process.isAlive()).isTrue();
        }
    }

    @Test
    void aServerIsGivenAFreePortAndIsReadyOnceItAccepts(@TempDir Path dir) throws Exception {
        Timeline timeline = new Timeline();
        // A stand-in server: the JVM's own listener is bound to the port the script was given, after a delay.
        TargetLaunch.Command launch = sh("echo $1 > port; exec sleep 30", dir, new Readiness.Port(READY_TIMEOUT));
        Thread listener = new Thread(() -> {
            try {
                Path file = dir.resolve("port");
                while (!Files.exists(file) || Files.readString(file).isBlank()) {
                    Thread.sleep(20);
                }
                try (ServerSocket server = new ServerSocket(Integer.parseInt(Files.readString(file).trim()))) {
                    server.accept().close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        listener.start();

        CommandTargets.Started started = CommandTargets.start("target", launch, Side.SERVER, 0, "/", SCALED, timeline);
        try (ManagedProcess process = (ManagedProcess) started.process()) {
            assertThat(started.port()).isPositive();
            assertThat(Files.readString(dir.resolve("port")).trim()).isEqualTo(Integer.toString(started.port()));
            assertThat(timeline.events(e -> e.is(HarnessEvents.TARGET_READY))).hasSize(1);
        }
        listener.join(READY_TIMEOUT.toMillis());
    }

    @Test
    void aTargetThatExitsDuringStartUpIsAnErrorCellCarryingItsStderr(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("dies.yaml");
        Files.writeString(spec, """
                name: dies at start
                role: server
                protocol: ws-control
                path: /
                interval: 30s
                timeout: 30s
                command: [sh, -c, "echo 'listen EADDRINUSE: address already in use' >&2; exit 3"]
                """);
        Target target = TargetSpecs.load(spec);

        CellResult cell = new CellRunner(RunDefaults.CI_SCALE, Tolerance.DEFAULT).run(HalfOpen.both(), target);

        assertThat(cell.verdict()).as(cell.message()).isEqualTo(Verdict.ERROR);
        assertThat(cell.message()).contains("exited with status 3", "listen EADDRINUSE: address already in use");
        assertAllGone(cell.timeline());
    }

    @Test
    void aTargetNeverReadyIsAnErrorAfterItsReadinessTimeoutAndIsKilled(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("silent.yaml");
        Files.writeString(spec, """
                name: never ready
                role: client
                protocol: line
                interval: 50s
                timeout: 5s
                backoff_initial: 1s
                backoff_max: 10s
                command: [sh, -c, "echo 'warming up' >&2; exec sleep 60"]
                readiness:
                  log_line: "^connected"
                  timeout: 1s
                """);
        Target target = TargetSpecs.load(spec);

        CellResult cell = new CellRunner(RunDefaults.CI_SCALE, Tolerance.DEFAULT).run(HalfOpen.both(), target);

        assertThat(cell.verdict()).as(cell.message()).isEqualTo(Verdict.ERROR);
        assertThat(cell.message()).contains("no output line matching /^connected/ within 1000 ms", "warming up");
        assertAllGone(cell.timeline());
    }

    @Test
    void aDelayReadinessFailsWhenTheProgramDiesBeforeTheDelayEnds(@TempDir Path dir) {
        TargetLaunch.Command launch = sh("sleep 0.2; echo gone >&2; exit 1", dir,
                new Readiness.Delay(Duration.ofSeconds(5), READY_TIMEOUT));

        assertThatThrownBy(() -> CommandTargets.start("target", launch, Side.CLIENT, 1, "/", SCALED, new Timeline()))
                .isInstanceOf(ProcessStartException.class).hasMessageContaining("exited with status 1")
                .hasMessageContaining("gone");
    }

    /** Every process the cell started has exited. */
    private static void assertAllGone(List<TimelineEvent> timeline) {
        List<Long> pids = timeline.stream().filter(e -> e.is("process-start"))
                .map(e -> ((Number) e.data().get("pid")).longValue()).toList();
        assertThat(pids).isNotEmpty();
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d still alive", pid).isFalse();
        }
    }
}
