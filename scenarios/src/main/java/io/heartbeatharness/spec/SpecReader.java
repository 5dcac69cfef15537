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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Reads a spec file into {@link SpecFile}; unknown fields, wrong types and bad YAML become one-line {@link SpecException}s. */
final class SpecReader {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

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
            return new SpecException(file, field(mismatch), "wrong type: expected " + expected(mismatch.getTargetType()));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return new SpecException(file, field(mapping), mapping.getOriginalMessage());
        }
        String problem = e instanceof JsonParseException ? e.getOriginalMessage() : e.getMessage();
        var location = e.getLocation();
        return new SpecException(file, location == null ? "file" : "line " + location.getLineNr(),
                "not valid YAML: " + firstLine(problem));
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
