package io.heartbeatharness.reference;

import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatParams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The scaled heartbeat parameters as a started program is given them: flags on a reference process's command line
 * ({@link io.heartbeatharness.reference.ReferenceMain} parses them back, so their spelling is fixed) and values for
 * the {@link Placeholders} of a program started by command. Both come from one table, so they cannot drift apart.
 */
public final class HeartbeatArgs {
    /** The placeholder a program started by command takes its heartbeat interval through. */
    public static final String INTERVAL_MS = Field.INTERVAL.placeholder;

    /** The parameters' placeholders, in the order the documentation lists them. */
    public static final List<String> PLACEHOLDERS = Arrays.stream(Field.values()).map(f -> f.placeholder).toList();

    /** One duration parameter, in whole milliseconds: its placeholder, its reference flag, and its value. */
    private enum Field {
        INTERVAL("interval_ms", "--interval-ms", p -> ms(p.interval())),
        TIMEOUT("timeout_ms", "--timeout-ms", p -> ms(p.timeout())),
        // 0 means exact timers rather than "off", so the sweep period is passed as it is.
        SWEEP("sweep_ms", "--sweep-ms", p -> Long.toString(p.sweepPeriod().toMillis())),
        BACKOFF_INITIAL("backoff_initial_ms", "--backoff-initial-ms", p -> ms(p.backoffInitial())),
        BACKOFF_MAX("backoff_max_ms", "--backoff-max-ms", p -> ms(p.backoffMax()));

        private final String placeholder;
        private final String flag;
        private final Function<HeartbeatParams, String> value;

        Field(String placeholder, String flag, Function<HeartbeatParams, String> value) {
            this.placeholder = placeholder;
            this.flag = flag;
            this.value = value;
        }
    }

    private HeartbeatArgs() {
    }

    /**
     * The flags that make a reference process run {@code scaled} with {@code pings} pinging: the durations and who
     * pings always, jitter and the close frame only when set, since a reference falls back to its design's own.
     */
    public static List<String> flags(HeartbeatParams scaled, HeartbeatModel.Pingers pings) {
        List<String> args = new ArrayList<>();
        for (Field field : Field.values()) {
            args.add(field.flag);
            args.add(field.value.apply(scaled));
        }
        args.addAll(List.of("--pings", HeartbeatModel.word(pings)));
        if (!scaled.jitter()) {
            args.add("--no-jitter");
        }
        if (scaled.closeCode() != null) {
            args.addAll(List.of("--close-code", scaled.closeCode().toString()));
        }
        if (scaled.closeReason() != null) {
            args.addAll(List.of("--close-reason", scaled.closeReason()));
        }
        return args;
    }

    /** The value of each of {@link #PLACEHOLDERS} for {@code scaled}, in that order. */
    public static Map<String, String> placeholderValues(HeartbeatParams scaled) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Field field : Field.values()) {
            values.put(field.placeholder, field.value.apply(scaled));
        }
        return values;
    }

    /** A scaled duration as whole milliseconds, never 0: a program given 0 might take it as "off". */
    private static String ms(Duration duration) {
        return Long.toString(Math.max(1, duration.toMillis()));
    }
}
