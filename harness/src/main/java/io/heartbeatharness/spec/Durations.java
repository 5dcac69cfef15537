package io.heartbeatharness.spec;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in a spec: {@code 30s}, {@code 500ms}, {@code 1.5s}, {@code 2m}, {@code 1h}. */
final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");
    private static final Map<String, Long> MILLIS_PER_UNIT = Map.of("ms", 1L, "s", 1_000L, "m", 60_000L, "h", 3_600_000L);

    private Durations() {
    }

    /**
     * Parses {@code text}; a bare {@code 0} is accepted too (zero needs no unit).
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    static Duration parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad duration '" + text + "': expected a number and a unit (ms, s, m, h), "
                    + "e.g. 30s or 500ms");
        }
        BigDecimal millis = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(MILLIS_PER_UNIT.get(m.group(2))));
        if (millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000)) > 0) {
            throw new IllegalArgumentException("bad duration '" + text + "': too long");
        }
        return Duration.ofNanos(millis.multiply(BigDecimal.valueOf(1_000_000)).longValue());
    }
}
