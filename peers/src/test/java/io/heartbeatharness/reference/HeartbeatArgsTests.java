package io.heartbeatharness.reference;

import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatParams;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatArgsTests {

    @Test
    void referenceFlagsAreReadBackByReferenceMain() {
        HeartbeatParams scaled = HeartbeatParams.SEED_000.withSweepPeriod(Duration.ofMillis(250));
        List<String> args = new ArrayList<>(List.of("--design", "ws-json", "--role", "server"));
        args.addAll(HeartbeatArgs.flags(scaled, HeartbeatModel.Pingers.BOTH));

        CommandLine.ParseResult parsed = new CommandLine(new ReferenceMain()).parseArgs(args.toArray(String[]::new));

        assertThat(parsed.unmatched()).isEmpty();
        assertThat(parsed.<Long>matchedOptionValue("--interval-ms", null)).isEqualTo(30_000L);
        assertThat(parsed.<Long>matchedOptionValue("--timeout-ms", null)).isEqualTo(5_000L);
        assertThat(parsed.<Long>matchedOptionValue("--sweep-ms", null)).isEqualTo(250L);
        assertThat(parsed.<Long>matchedOptionValue("--backoff-initial-ms", null)).isEqualTo(1_000L);
        assertThat(parsed.<Long>matchedOptionValue("--backoff-max-ms", null)).isEqualTo(10_000L);
        assertThat(parsed.<String>matchedOptionValue("--pings", null)).isEqualTo("both");
        assertThat(parsed.<Integer>matchedOptionValue("--close-code", null)).isEqualTo(4000);
        assertThat(parsed.<String>matchedOptionValue("--close-reason", null)).isEqualTo("heartbeat timeout");
        assertThat(parsed.hasMatchedOption("--no-jitter")).isFalse();
    }

    @Test
    void jitterOffIsAFlagAndAnUnsetCloseFrameIsLeftToTheDesign() {
        HeartbeatParams scaled = new HeartbeatParams(Duration.ofMillis(200), Duration.ofMillis(100), Duration.ZERO,
                Duration.ofMillis(50), Duration.ofMillis(400), false, null, null);

        assertThat(HeartbeatArgs.flags(scaled, HeartbeatModel.Pingers.CLIENT)).containsExactly(
                "--interval-ms", "200", "--timeout-ms", "100", "--sweep-ms", "0",
                "--backoff-initial-ms", "50", "--backoff-max-ms", "400", "--pings", "client", "--no-jitter");
    }

    @Test
    void argvAndPlaceholdersCarryTheSameValues() {
        HeartbeatParams scaled = new HeartbeatParams(Duration.ofNanos(10), Duration.ofMillis(100), Duration.ZERO,
                Duration.ofMillis(50), Duration.ofMillis(400), true, null, null);

        assertThat(HeartbeatArgs.placeholderValues(scaled)).containsExactly(
                Map.entry("interval_ms", "1"), Map.entry("timeout_ms", "100"),
                Map.entry("sweep_ms", "0"), Map.entry("backoff_initial_ms", "50"),
                Map.entry("backoff_max_ms", "400"));
        assertThat(HeartbeatArgs.flags(scaled, HeartbeatModel.Pingers.SERVER)).startsWith("--interval-ms", "1");
    }
}
