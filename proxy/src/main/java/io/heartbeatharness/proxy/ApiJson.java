package io.heartbeatharness.proxy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.proxy.control.ProxyFaults;
import io.heartbeatharness.proxy.control.TapLog;
import io.heartbeatharness.proxy.control.ToxicSpec;
import io.heartbeatharness.proxy.control.ToxiproxyException;
import io.heartbeatharness.proxy.toxics.Toxic;
import io.heartbeatharness.proxy.toxics.ToxicType;
import io.heartbeatharness.proxy.toxics.ToxicTypes;
import io.heartbeatharness.timeline.TimelineEvent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON shapes of the API: Toxiproxy's proxies and toxics, field for field, and the extension's faults and events. */
final class ApiJson {
    private ApiJson() {
    }

    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = GoJson.MAPPER.getFactory().createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /* ---------------------------------------------------------------- proxies */

    /** {@code {"name","listen","upstream","enabled","toxics":[…]}}, the order of Toxiproxy's struct. */
    static void proxy(JsonGenerator json, EmbeddedProxy proxy) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", proxy.name());
        json.writeStringField("listen", proxy.listen());
        json.writeStringField("upstream", proxy.upstream());
        json.writeBooleanField("enabled", proxy.isEnabled());
        json.writeFieldName("toxics");
        toxics(json, proxy.toxics());
        json.writeEndObject();
    }

    /** Proxies keyed by name, sorted, as Go writes a map. */
    static void proxyMap(JsonGenerator json, Map<String, EmbeddedProxy> proxies) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, EmbeddedProxy> entry : new TreeMap<>(proxies).entrySet()) {
            json.writeFieldName(entry.getKey());
            proxy(json, entry.getValue());
        }
        json.writeEndObject();
    }

    static void proxyList(JsonGenerator json, Collection<EmbeddedProxy> proxies) throws IOException {
        if (proxies == null) {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        for (EmbeddedProxy proxy : proxies) {
            proxy(json, proxy);
        }
        json.writeEndArray();
    }

    /* ---------------------------------------------------------------- toxics */

    static void toxics(JsonGenerator json, List<ToxicSpec> toxics) throws IOException {
        json.writeStartArray();
        for (ToxicSpec toxic : toxics) {
            toxic(json, toxic);
        }
        json.writeEndArray();
    }

    /** {@code {"attributes":{…},"name","type","stream","toxicity"}}: every attribute, zeros included. */
    static void toxic(JsonGenerator json, ToxicSpec toxic) throws IOException {
        json.writeStartObject();
        json.writeObjectFieldStart("attributes");
        for (Map.Entry<String, Long> attribute : toxic.toxic().attributes().entrySet()) {
            json.writeNumberField(attribute.getKey(), attribute.getValue());
        }
        json.writeEndObject();
        json.writeStringField("name", toxic.name());
        json.writeStringField("type", toxic.type());
        json.writeStringField("stream", toxic.stream().wireName());
        json.writeFieldName("toxicity");
        json.writeNumber(GoJson.float32(toxic.toxicity()));
        json.writeEndObject();
    }

    /**
     * A new toxic from a request, checked in Toxiproxy's order: body, stream, default name, type, attributes.
     * The name's uniqueness is checked by the caller between type and attributes, as Toxiproxy does.
     */
    static ToxicSpec newToxic(JsonNode body, java.util.function.Predicate<String> exists) {
        String struct = "ToxicWrapper";
        String name = GoJson.string(body, "name", struct, "");
        String type = GoJson.string(body, "type", struct, "");
        String stream = GoJson.string(body, "stream", struct, "downstream");
        float toxicity = GoJson.float32(body, "toxicity", struct, 1f);
        JsonNode attributesNode = GoJson.field(body, "attributes");
        Direction direction = Direction.parse(stream).orElseThrow(ToxiproxyException::invalidStream);
        if (name.isEmpty()) {
            name = type + "_" + stream;
        }
        ToxicType toxicType = ToxicTypes.byName(type).orElseThrow(ToxiproxyException::invalidToxicType);
        if (exists.test(name)) {
            throw ToxiproxyException.toxicExists();
        }
        Toxic toxic = attributes(toxicType, attributesNode, toxicType.zero());
        return new ToxicSpec(name, direction, toxicity, toxic);
    }

    /** The toxic an update asks for: attributes and toxicity present in the body replace the current ones. */
    static ToxicSpec updatedToxic(JsonNode body, ToxicSpec current) {
        Toxic toxic = attributes(current.toxic().type(), GoJson.field(body, "attributes"), current.toxic());
        float toxicity = GoJson.float32(body, "toxicity", "", current.toxicity());
        return new ToxicSpec(current.name(), current.stream(), toxicity, toxic);
    }

    private static Toxic attributes(ToxicType type, JsonNode node, Toxic base) {
        ObjectNode attributes = GoJson.object(node, type.goStruct(), "attributes", "toxics." + type.goStruct());
        List<String> names = type.attributes();
        Map<String, Long> current = base.attributes();
        long[] values = new long[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            values[i] = GoJson.int64(attributes, name, type.goStruct(), "attributes." + name, type.goTypes().get(i),
                    current.get(name));
        }
        return type.create(values);
    }

    /* ---------------------------------------------------------------- faults (extension) */

    static void faults(JsonGenerator json, ProxyFaults faults) throws IOException {
        json.writeStartObject();
        json.writeFieldName(Faults.BLACKHOLE);
        blackhole(json, faults);
        json.writeFieldName(Faults.NAT_IDLE);
        timeout(json, faults.natIdle());
        json.writeFieldName(Faults.IDLE_CLOSE);
        timeout(json, faults.idleClose());
        json.writeEndObject();
    }

    static void fault(JsonGenerator json, String fault, ProxyFaults faults) throws IOException {
        switch (fault) {
            case Faults.BLACKHOLE -> blackhole(json, faults);
            case Faults.NAT_IDLE -> timeout(json, faults.natIdle());
            default -> timeout(json, faults.idleClose());
        }
    }

    private static void blackhole(JsonGenerator json, ProxyFaults faults) throws IOException {
        json.writeStartObject();
        json.writeBooleanField("upstream", faults.blackholeUpstream());
        json.writeBooleanField("downstream", faults.blackholeDownstream());
        json.writeEndObject();
    }

    private static void timeout(JsonGenerator json, Duration timeout) throws IOException {
        json.writeStartObject();
        json.writeNumberField("timeout", timeout.toMillis());
        json.writeEndObject();
    }

    /** Applies {@code {"blackhole":{…},"nat_idle":{…},"idle_close":{…}}}, any subset, to {@code faults}. */
    static ProxyFaults faults(JsonNode body, ProxyFaults faults) {
        ProxyFaults result = faults;
        for (String fault : Faults.ALL) {
            JsonNode value = GoJson.field(body, fault);
            if (GoJson.present(value)) {
                result = fault(fault, GoJson.object(value, "faults", fault, "object"), result);
            }
        }
        return result;
    }

    /** Applies one fault's object ({@code {"upstream":true}} or {@code {"timeout":1000}}) to {@code faults}. */
    static ProxyFaults fault(String fault, JsonNode body, ProxyFaults faults) {
        if (fault.equals(Faults.BLACKHOLE)) {
            boolean up = GoJson.bool(body, "upstream", fault, faults.blackholeUpstream());
            boolean down = GoJson.bool(body, "downstream", fault, faults.blackholeDownstream());
            return faults.withBlackhole(Direction.UPSTREAM, up).withBlackhole(Direction.DOWNSTREAM, down);
        }
        Duration current = fault.equals(Faults.NAT_IDLE) ? faults.natIdle() : faults.idleClose();
        long millis = GoJson.int64(body, "timeout", fault, "timeout", "int64", current.toMillis());
        if (millis < 0) {
            throw ToxiproxyException.badRequestBody(fault + ".timeout must not be negative, got " + millis);
        }
        Duration timeout = Duration.ofMillis(millis);
        return fault.equals(Faults.NAT_IDLE) ? faults.withNatIdle(timeout) : faults.withIdleClose(timeout);
    }

    /* ---------------------------------------------------------------- events (extension) */

    /** {@code {"events":[{"seq","mono_ns","wall_ms","type","conn",…}],"next":N,"missed":M}}. */
    static void events(JsonGenerator json, TapLog.Page page) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("events");
        for (TapLog.Entry entry : page.events()) {
            TimelineEvent event = entry.event();
            json.writeStartObject();
            json.writeNumberField("seq", entry.seq());
            json.writeNumberField("mono_ns", event.monoNanos());
            json.writeNumberField("wall_ms", event.wallMillis());
            json.writeStringField("type", event.type());
            Object conn = event.data().get("conn");
            if (conn != null) {
                json.writeStringField("conn", conn.toString());
            }
            for (Map.Entry<String, Object> field : new TreeMap<>(event.data()).entrySet()) {
                if (!field.getKey().equals("conn")) {
                    json.writeObjectField(field.getKey(), field.getValue());
                }
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNumberField("next", page.next());
        json.writeNumberField("missed", page.missed());
        json.writeEndObject();
    }
}
