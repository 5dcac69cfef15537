package io.heartbeatharness.proxy.toxics;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The registration of one toxic type: its name in the API, the name of Toxiproxy's Go struct (used in error
 * messages, which quote it), its integer attributes in order, and how to build it from their values.
 *
 * @param name       the {@code type} field in the API, e.g. {@code latency}
 * @param goStruct   Toxiproxy's struct name, e.g. {@code LatencyToxic}
 * @param attributes attribute names in the order Toxiproxy writes them
 * @param goTypes    the Go type of each attribute ({@code int64} or {@code int}), for error messages
 * @param factory    builds the toxic from attribute values given in {@link #attributes} order
 */
public record ToxicType(String name, String goStruct, List<String> attributes, List<String> goTypes,
                        Function<long[], Toxic> factory) {

    public ToxicType {
        Objects.requireNonNull(name, "name");
        attributes = List.copyOf(attributes);
        goTypes = List.copyOf(goTypes);
        if (attributes.size() != goTypes.size()) {
            throw new IllegalArgumentException("goTypes: one per attribute expected");
        }
    }

    static ToxicType int64(String name, String goStruct, List<String> attributes, Function<long[], Toxic> factory) {
        return new ToxicType(name, goStruct, attributes, attributes.stream().map(a -> "int64").toList(), factory);
    }

    /** Builds a toxic of this type; missing trailing values are zero, as in Toxiproxy. */
    public Toxic create(long... values) {
        return factory.apply(java.util.Arrays.copyOf(values, attributes.size()));
    }

    /** A toxic of this type with every attribute zero, the starting point of Toxiproxy's JSON decoding. */
    public Toxic zero() {
        return create();
    }
}
