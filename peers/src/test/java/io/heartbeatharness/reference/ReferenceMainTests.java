package io.heartbeatharness.reference;

import io.heartbeatharness.reference.common.KeepaliveSettings;
import io.heartbeatharness.reference.common.KnownBad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceMainTests {

    record Outcome(int status, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter err = new StringWriter();
        int status = ReferenceMain.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
        return new Outcome(status, err.toString());
    }

    private static ReferenceMain.Plan plan(String... args) {
        ReferenceMain main = new ReferenceMain();
        new CommandLine(main).parseArgs(args);
        return main.plan();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "--design ws-json --role server --interval-ms 0                 | interval-ms:",
            "--design ws-json --role server --timeout-ms -5                 | timeout-ms:",
            "--design line --role server --sweep-ms -1                      | sweep-ms:",
            "--design ws-json --role client --backoff-initial-ms 0          | backoff-initial-ms:",
            "--design ws-json --role server --port 70000                    | port:",
            "--design ws-json --role server --port -1                       | port:",
            "--design ws-json --role client --port 0                        | port:",
            "--design no-such-design --role server                          | design:",
            "--design ws-json --role both                                   | role:",
            "--design ws-json --role server --close-code 99                 | close_code:",
            "--design ws-json --role client --port 80 --connections 0       | connections:",
            "--design ws-json --role client --port 80 --flaw made-up        | flaw:",
            "--design ws-json --role client --port 80 --flaw sweep-equals-interval | flaw:",
            "--design tcp-keepalive --role server --keepcnt 0               | keepcnt:",
            "--design tcp-keepalive --role server --keepidle-ms 0           | keepidle-ms:",
            "--design line --role server --keepidle-ms 1000                 | keepidle-ms:",
            "--design ws-json --role server --interval-ms soon              | --interval-ms",
    })
    void aBadConfigurationExitsTwoWithOneLineNamingTheProblem(String args, String named) {
        Outcome outcome = run(args.trim().split("\\s+"));
        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.err().lines().toList()).hasSize(1);
        assertThat(outcome.err()).startsWith("reference: ").contains(named.trim()).doesNotContain("Exception");
    }

    @Test
    void leftOutParametersTakeTheDesignsDeclaredValues() {
        ReferenceMain.Plan line = plan("--design", "line", "--role", "server");
        assertThat(line.serverConfig().heartbeat()).isEqualTo(DeclaredParams.LINE);
        assertThat(line.serverConfig().port()).isZero();
        assertThat(line.serverConfig().host()).isEqualTo("127.0.0.1");
        ReferenceMain.Plan control = plan("--design", "ws-control", "--role", "client", "--port", "9",
                "--interval-ms", "3000", "--no-jitter");
        assertThat(control.clientConfig().heartbeat().interval()).isEqualTo(Duration.ofMillis(3000));
        assertThat(control.clientConfig().heartbeat().timeout()).isEqualTo(DeclaredParams.WS_CONTROL.timeout());
        assertThat(control.clientConfig().heartbeat().closeCode()).isEqualTo(1001);
        assertThat(control.clientConfig().heartbeat().jitter()).isFalse();
    }

    @Test
    void tcpKeepaliveTakesItsSettingsFromIntervalAndTimeoutUnlessGivenOwnFlags() {
        ReferenceMain.Plan derived = plan("--design", "tcp-keepalive", "--role", "server",
                "--interval-ms", "3000", "--timeout-ms", "3000");
        assertThat(derived.serverConfig().keepalive())
                .isEqualTo(new KeepaliveSettings(Duration.ofSeconds(3), Duration.ofSeconds(1), 3));
        ReferenceMain.Plan explicit = plan("--design", "tcp-keepalive", "--role", "client", "--port", "9",
                "--keepidle-ms", "1500", "--keepintvl-ms", "700", "--keepcnt", "4");
        KeepaliveSettings settings = explicit.clientConfig().keepalive();
        assertThat(settings.count()).isEqualTo(4);
        assertThat(settings.idleSeconds()).isEqualTo(2);
        assertThat(settings.intervalSeconds()).isEqualTo(1);
    }

    @Test
    void aFlawIsAcceptedByTheDesignsThatCanAdoptIt() {
        assertThat(plan("--design", "idle", "--role", "client", "--port", "9", "--flaw", "reconnect-only-from-idle-event")
                .clientConfig().flaws()).containsExactly(KnownBad.RECONNECT_ONLY_FROM_IDLE_EVENT);
        assertThat(plan("--design", "line", "--role", "server", "--flaw", "sweep-equals-interval", "--flaw", "never-close")
                .serverConfig().flaws()).containsExactlyInAnyOrder(KnownBad.SWEEP_EQUALS_INTERVAL, KnownBad.NEVER_CLOSE);
    }
}
