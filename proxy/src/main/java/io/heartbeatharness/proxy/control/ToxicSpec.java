package io.heartbeatharness.proxy.control;

import io.heartbeatharness.proxy.toxics.Toxic;

import io.heartbeatharness.timeline.Direction;
import java.util.Objects;

/**
 * A toxic as installed on a proxy: Toxiproxy's toxic fields {@code name}, {@code stream} and {@code toxicity}
 * around the type and attributes.
 *
 * @param name     unique per proxy; Toxiproxy's default is {@code <type>_<stream>}
 * @param stream   the direction it applies to ({@code downstream} by default in the API)
 * @param toxicity the probability, 0 to 1, that a connection is affected (drawn per connection)
 * @param toxic    the type and attributes
 */
public record ToxicSpec(String name, Direction stream, float toxicity, Toxic toxic) {

    public ToxicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(toxic, "toxic");
        if (Float.isNaN(toxicity)) {
            throw new IllegalArgumentException("toxicity: must be a number, got NaN");
        }
    }

    /** A toxic affecting every connection, named as Toxiproxy names it by default ({@code <type>_<stream>}). */
    public static ToxicSpec of(Direction stream, Toxic toxic) {
        return new ToxicSpec(toxic.type().name() + "_" + stream.wireName(), stream, 1f, toxic);
    }

    public String type() {
        return toxic.type().name();
    }

    public ToxicSpec withName(String newName) {
        return new ToxicSpec(newName, stream, toxicity, toxic);
    }

    public ToxicSpec withToxicity(float newToxicity) {
        return new ToxicSpec(name, stream, newToxicity, toxic);
    }

    public ToxicSpec withToxic(Toxic newToxic) {
        return new ToxicSpec(name, stream, toxicity, newToxic);
    }
}
