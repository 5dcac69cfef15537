package io.heartbeatharness.target;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.HeartbeatArgs;
import io.heartbeatharness.time.TimeScale;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlaceholdersTests {

    @Test
    void fillsThePortAndTheScaledParametersInMilliseconds() {
        HeartbeatParams scaled = HeartbeatParams.SEED_000.withSweepPeriod(java.time.Duration.ofSeconds(10))
                .scaled(new TimeScale(0.1));
        Map<String, String> values = Placeholders.values("127.0.0.1", 4321, "/ws", scaled);

        assertThat(Placeholders.fill("ws://${host}:${port}${path}?i=${interval_ms}&t=${timeout_ms}&p=${sweep_ms}", values))
                .isEqualTo("ws://127.0.0.1:4321/ws?i=" + scaled.interval().toMillis() + "&t=" + scaled.timeout().toMillis()
                        + "&p=" + scaled.sweepPeriod().toMillis());
        assertThat(Placeholders.fill("${backoff_initial_ms}-${backoff_max_ms}", values))
                .isEqualTo(scaled.backoffInitial().toMillis() + "-" + scaled.backoffMax().toMillis());
        assertThat(values.keySet()).containsExactlyElementsOf(Placeholders.NAMES);
    }

    @Test
    void everyHeartbeatParameterHasItsPlaceholder() {
        assertThat(Placeholders.NAMES).endsWith(HeartbeatArgs.PLACEHOLDERS.toArray(String[]::new));
    }

    @Test
    void findsTheFirstUnknownPlaceholderAndLeavesOtherDollarsAlone() {
        assertThat(Placeholders.unknownIn("--port=${port} --x=${interval}")).contains("${interval}");
        assertThat(Placeholders.unknownIn("cost $5 at ${port}")).isEmpty();
        assertThat(Placeholders.fill("$HOME ${port}", Map.of("port", "1"))).isEqualTo("$HOME 1");
    }
}
