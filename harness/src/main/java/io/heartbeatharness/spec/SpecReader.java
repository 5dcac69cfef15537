package io.heartbeatharness.spec;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads a spec file into {@link SpecFile}; unknown fields, wrong types and bad YAML become one-line {@link SpecException}s. */
final class SpecReader {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** How Jackson words a field given twice. */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

    private SpecReader() {
    }

    static SpecFile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new SpecException(file, "file", "cannot read it (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        SpecFile raw;
        try {
            raw = YAML.readValue(text, SpecFile.class);
        } catch (JsonProcessingException e) {
            throw translate(file, e);
        }
        if (raw == null) {
            throw new SpecException(file, "file", "empty; a spec needs at least name, role, protocol, interval, timeout and command or address");
        }
        return raw;
    }

    /** One line naming the field (or, for a syntax error, the line) from what the YAML reader reported. */
    private static SpecException translate(Path file, JsonProcessingException e) {
        // A syntax error inside a list or mapping arrives wrapped in a mapping error: it is still a syntax error.
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException yaml) {
                return syntax(file, yaml);
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException parse) {
                return parse(file, parse);
            }
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : " (known: " + unknown.getKnownPropertyIds().stream()
                    .map(Object::toString).collect(Collectors.toCollection(TreeSet::new)) + ")";
            return new SpecException(file, field(unknown), "unknown field" + known);
        }
        if (e instanceof InvalidFormatException invalid) {
            return new SpecException(file, field(invalid), "wrong type: expected " + expected(invalid.getTargetType())
                    + ", got '" + invalid.getValue() + "'");
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (mismatch.getPath().isEmpty()) {
                return new SpecException(file, "file", "expected a mapping of fields (name: ..., role: ...)");
            }
            String field = field(mismatch);
            return new SpecException(file, field, "wrong type: expected " + (field.equals("scenarios")
                    ? "a list, e.g. [half-open, frozen-client]" : expected(mismatch.getTargetType())));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return new SpecException(file, field(mapping), mapping.getOriginalMessage());
        }
        return new SpecException(file, "file", "not readable: " + firstLine(e.getOriginalMessage()));
    }

    private static SpecException syntax(Path file, MarkedYAMLException yaml) {
        String context = yaml.getContext() == null || yaml.getContextMark() == null ? ""
                : " (" + yaml.getContext() + " from line " + (yaml.getContextMark().getLine() + 1) + ")";
        String where = yaml.getProblemMark() == null ? "file" : "line " + (yaml.getProblemMark().getLine() + 1);
        return new SpecException(file, where, "not valid YAML: " + firstLine(yaml.getProblem()) + context);
    }

    /** What the YAML reader itself refused, such as a field given twice ({@code STRICT_DUPLICATE_DETECTION}). */
    private static SpecException parse(Path file, JsonParseException e) {
        Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
        String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
        if (duplicate.find()) {
            return new SpecException(file, duplicate.group(1), "given twice" + line);
        }
        return new SpecException(file, e.getLocation() == null ? "file" : "line " + e.getLocation().getLineNr(),
                "not valid YAML: " + firstLine(e.getOriginalMessage()));
    }

    private static String field(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list, e.g. [node, server.js]";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a mapping of names to values";
        }
        if (type == SpecFile.Ready.class) {
            return "a mapping with one of port, log_line, delay, and an optional timeout";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        if (type == Integer.class) {
            return "a whole number";
        }
        return "a single value";
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("").trim();
    }
}
