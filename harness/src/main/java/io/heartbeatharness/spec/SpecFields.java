package io.heartbeatharness.spec;

import java.nio.file.Path;
import java.time.Duration;

/** Reading single fields of one spec file, each problem a {@link SpecException} naming the file and the field. */
final class SpecFields {
    private final Path file;

    SpecFields(Path file) {
        this.file = file;
    }

    /** The field's value, trimmed; missing or blank is a problem. */
    String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw problem(field, "missing");
        }
        return value.trim();
    }

    Duration duration(String field, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw problem(field, e.getMessage());
        }
    }

    Duration optionalDuration(String field, String text, Duration fallback) {
        return text == null ? fallback : duration(field, text);
    }

    SpecException problem(String field, String what) {
        return new SpecException(file, field, what);
    }
}
