package io.heartbeatharness.proxy.toxics;

import java.util.Map;

/**
 * The type and attributes of one Toxiproxy toxic; there is one immutable implementation per type, named after it.
 *
 * <p>A toxic only describes what to do. Every proxied connection gets its own {@link ToxicHandler} per toxic and
 * direction (from {@link #newHandler}), which sits in the pipeline of the socket the bytes are written to:
 *
 * <pre>
 *   source socket --read--&gt; relay --write--&gt; [toxic 1] --&gt; [toxic 2] --&gt; destination socket
 * </pre>
 *
 * <p>Every handler honours Toxiproxy's contract for toxics (CREATING_TOXICS.md): it can be removed at any moment,
 * it never loses or reorders bytes it has already accepted, and it passes the end of the stream on in order.
 */
public sealed interface Toxic permits LatencyToxic, BandwidthToxic, SlowCloseToxic, TimeoutToxic, ResetPeerToxic,
        SlicerToxic, LimitDataToxic {

    /** The registration of this toxic's type: its name on the wire and its attributes. */
    ToxicType type();

    /** Every attribute with its value, zeros included, in Toxiproxy's order. */
    Map<String, Long> attributes();

    /**
     * A new handler applying this toxic to one direction of one connection.
     *
     * @param active whether the toxic applies to this connection at all (the outcome of its toxicity roll); an
     *               inactive handler passes everything through until an update activates it
     */
    ToxicHandler<?> newHandler(boolean active);
}
