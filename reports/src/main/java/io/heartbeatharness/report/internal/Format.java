package io.heartbeatharness.report.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers and instants read in the report: locale-independent, so the same run renders the same bytes. */
public final class Format {
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Format() {
    }

    /** An SVG coordinate: one decimal is finer than a pixel. */
    public static String coord(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** A plain number without trailing zeros: {@code 0.1}, {@code 1}, {@code 2.5}. */
    public static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** {@code 3506 ms}, or an em dash for nothing. */
    public static String ms(Long value) {
        return value == null ? "—" : value + " ms";
    }

    /** A signed offset in milliseconds with one decimal: {@code +3506.2 ms}, {@code −12.0 ms}. */
    public static String offset(long nanos) {
        String text = String.format(Locale.ROOT, "%.1f ms", Math.abs(nanos) / 1e6);
        return (nanos < 0 ? "\u2212" : "+") + text;
    }

    /** An axis label for a tick {@code ms} away from the origin, in the tick step's unit. */
    public static String tick(long ms, long stepMs) {
        if (ms == 0) {
            return "0";
        }
        String sign = ms < 0 ? "\u2212" : "+";
        long abs = Math.abs(ms);
        if (stepMs >= 1000 && stepMs % 1000 == 0) {
            return sign + abs / 1000 + " s";
        }
        if (stepMs >= 100) {
            return sign + plain(abs / 1000.0) + " s";
        }
        return sign + abs + " ms";
    }

    /** Wall-clock time of day, UTC, to the millisecond. */
    public static String wall(long epochMillis) {
        return WALL.format(Instant.ofEpochMilli(epochMillis));
    }

    public static String date(Instant instant) {
        return DATE.format(instant);
    }

    /** A step of 1, 2 or 5 × 10^k ms that cuts {@code spanMs} into at most about {@code ticks} parts. */
    public static long niceStep(double spanMs, int ticks) {
        double raw = Math.max(spanMs / ticks, 1);
        long magnitude = 1;
        while (magnitude * 10 <= raw) {
            magnitude *= 10;
        }
        for (long factor : new long[]{1, 2, 5, 10}) {
            if (magnitude * factor >= raw) {
                return magnitude * factor;
            }
        }
        return magnitude * 10;
    }
}
