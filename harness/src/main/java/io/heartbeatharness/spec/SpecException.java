package io.heartbeatharness.spec;

import java.nio.file.Path;

/**
 * A target spec that cannot be used: one line naming the file, the field and what is wrong with it. An
 * {@link IllegalArgumentException}, so the command line reports it as an input error (exit 2) without a stack trace.
 */
public final class SpecException extends IllegalArgumentException {
    private final transient Path file;
    private final String field;

    public SpecException(Path file, String field, String problem) {
        super(file + ": " + field + ": " + oneLine(problem));
        this.file = file;
        this.field = field;
    }

    public Path file() {
        return file;
    }

    /** The field at fault, e.g. {@code readiness.timeout} or {@code command[2]}. */
    public String field() {
        return field;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
