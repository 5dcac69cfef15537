package io.heartbeatharness.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heartbeatharness.proxy.control.ToxiproxyException;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON the way Toxiproxy's Go {@code encoding/json} reads and writes it: case-insensitive field names, strict
 * integer and boolean types, {@code null} leaving a field as it was, Go's error wording, HTML-safe escapes and
 * the shortest float formatting.
 */
final class GoJson {
    // Big decimals keep a number's digits for error messages (1e400 is not Infinity to Go).
    static final ObjectMapper MAPPER = new ObjectMapper(new JsonFactory().setCharacterEscapes(new GoEscapes()))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final Pattern UNEXPECTED = Pattern.compile("Unexpected character \\('(.+?)' \\(code");
    private static final Pattern UNRECOGNIZED = Pattern.compile("Unrecognized token '(.)");

    private GoJson() {
    }

    /**
     * Reads a request body; a malformed one fails as Toxiproxy fails it ({@code 400 bad request body: …}).
     *
     * @param goType the Go type Toxiproxy decodes into, named in the error for a body of the wrong kind
     * @param array  whether that type is a slice rather than a struct
     */
    static JsonNode read(byte[] body, String goType, boolean array) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw ToxiproxyException.badRequestBody("EOF");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonEOFException e) {
            throw ToxiproxyException.badRequestBody("unexpected EOF");
        } catch (JsonParseException e) {
            throw ToxiproxyException.badRequestBody(syntaxError(e.getOriginalMessage()));
        } catch (IOException e) {
            throw ToxiproxyException.badRequestBody(e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw ToxiproxyException.badRequestBody("EOF");
        }
        if (node.isNull()) {
            return array ? MAPPER.createArrayNode() : MAPPER.createObjectNode();
        }
        if (array != node.isArray() || (!array && !node.isObject())) {
            throw ToxiproxyException.badRequestBody("json: cannot unmarshal " + kind(node) + " into Go value of type "
                    + goType);
        }
        return node;
    }

    private static String syntaxError(String jackson) {
        Matcher unexpected = UNEXPECTED.matcher(jackson);
        if (unexpected.find()) {
            return "invalid character '" + unexpected.group(1) + "' looking for beginning of value";
        }
        Matcher unrecognized = UNRECOGNIZED.matcher(jackson);
        if (unrecognized.find()) {
            return "invalid character '" + unrecognized.group(1) + "' looking for beginning of value";
        }
        if (jackson.contains("end-of-input")) {
            return "unexpected EOF";
        }
        return "invalid character in JSON input";
    }

    /** A field by name, matched as Go matches it: exactly first, then ignoring case; {@code null} when absent. */
    static JsonNode field(JsonNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        JsonNode found = null;
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                found = entry.getValue();
            }
        }
        return found;
    }

    static boolean present(JsonNode value) {
        return value != null && !value.isNull();
    }

    static String string(JsonNode object, String name, String struct, String fallback) {
        JsonNode value = field(object, name);
        if (!present(value)) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw typeError(value, struct, name, "string");
        }
        return value.textValue();
    }

    static boolean bool(JsonNode object, String name, String struct, boolean fallback) {
        JsonNode value = field(object, name);
        if (!present(value)) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw typeError(value, struct, name, "bool");
        }
        return value.booleanValue();
    }

    /** An integer as Go's {@code strconv.ParseInt} accepts it: no fraction, no exponent, within 64 bits. */
    static long int64(JsonNode object, String name, String struct, String path, String goType, long fallback) {
        JsonNode value = field(object, name);
        if (!present(value)) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw typeError(value, struct, path, goType);
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new ToxiproxyException(400, "bad request body: json: cannot unmarshal number " + value.asText()
                    + " into Go struct field " + struct + "." + path + " of type " + goType);
        }
        return value.longValue();
    }

    static float float32(JsonNode object, String name, String struct, float fallback) {
        JsonNode value = field(object, name);
        if (!present(value)) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw typeError(value, struct, name, "float32");
        }
        double number = value.doubleValue();
        if (Double.isInfinite(number) || Math.abs(number) > Float.MAX_VALUE) {
            throw new ToxiproxyException(400, "bad request body: json: cannot unmarshal number " + value.asText()
                    + " into Go struct field " + struct + "." + name + " of type float32");
        }
        return (float) number;
    }

    /** Checks that {@code value}, when given, is a JSON object (for nested structs such as attributes). */
    static ObjectNode object(JsonNode value, String struct, String path, String goType) {
        if (!present(value)) {
            return MAPPER.createObjectNode();
        }
        if (!value.isObject()) {
            throw typeError(value, struct, path, goType);
        }
        return (ObjectNode) value;
    }

    static ToxiproxyException typeError(JsonNode value, String struct, String path, String goType) {
        return ToxiproxyException.badRequestBody("json: cannot unmarshal " + kind(value) + " into Go struct field "
                + struct + "." + path + " of type " + goType);
    }

    private static String kind(JsonNode node) {
        if (node.isTextual()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        if (node.isArray()) {
            return "array";
        }
        return node.isObject() ? "object" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** A float32 as Go prints it: {@code 1}, {@code 0.5}, never {@code 1.0}. */
    static String float32(float value) {
        if (value == (long) value && Math.abs(value) < 1e21) {
            return Long.toString((long) value);
        }
        return new BigDecimal(Float.toString(value)).stripTrailingZeros().toPlainString();
    }

    /** Go escapes {@code <}, {@code >}, {@code &}, U+2028 and U+2029 so JSON is safe to embed in HTML. */
    private static final class GoEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        GoEscapes() {
            escapes = standardAsciiEscapesForJSON();
            escapes['<'] = ESCAPE_CUSTOM;
            escapes['>'] = ESCAPE_CUSTOM;
            escapes['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case '<' -> new SerializedString("\\u003c");
                case '>' -> new SerializedString("\\u003e");
                case '&' -> new SerializedString("\\u0026");
                case 0x2028 -> new SerializedString("\\u2028");
                case 0x2029 -> new SerializedString("\\u2029");
                default -> null;
            };
        }
    }
}
