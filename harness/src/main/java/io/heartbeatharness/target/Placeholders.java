package io.heartbeatharness.target;

import io.heartbeatharness.reference.HeartbeatArgs;
import io.heartbeatharness.budget.HeartbeatParams;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code ${name}} placeholders a target's command and environment may use, filled at start with the cell's
 * port and the declared parameters multiplied by the time scale, so a target runs at the scale it is judged at.
 */
public final class Placeholders {
    /** Every placeholder, in the order the documentation lists them: where, then the heartbeat parameters. */
    public static final List<String> NAMES = Stream.concat(Stream.of("port", "host", "path"),
            HeartbeatArgs.PLACEHOLDERS.stream()).toList();

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private Placeholders() {
    }

    /** How placeholder {@code name} is written in a command or an environment value. */
    public static String of(String name) {
        return "${" + name + "}";
    }

    /** The first placeholder in {@code text} that is not one of {@link #NAMES}, if any. */
    public static Optional<String> unknownIn(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!NAMES.contains(m.group(1))) {
                return Optional.of(m.group());
            }
        }
        return Optional.empty();
    }

    /** The values for one start: where to listen or connect, and the scaled parameters in milliseconds. */
    public static Map<String, String> values(String host, int port, String path, HeartbeatParams scaled) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("port", Integer.toString(port));
        values.put("host", host);
        values.put("path", path);
        values.putAll(HeartbeatArgs.placeholderValues(scaled));
        return values;
    }

    /** {@code text} with every placeholder replaced by its value. */
    public static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("unknown placeholder " + m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
