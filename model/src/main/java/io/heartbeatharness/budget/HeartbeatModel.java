package io.heartbeatharness.budget;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * How a target heartbeats: who sends pings, what inbound traffic it counts as a sign of life, and when its check
 * fires. Real libraries differ on all three; the worst fault phase, the exchange minimum and which one-way faults
 * a target can notice all follow from it.
 *
 * @param pings     who sends heartbeats in the deployment the target declares (the harness's peer plays the other side)
 * @param alive     what the target counts as a sign of life
 * @param detection when the target's check fires
 */
public record HeartbeatModel(Pingers pings, Liveness alive, Detection detection) {

    /** Who sends pings; the other side answers. */
    public enum Pingers {
        CLIENT, SERVER, BOTH;

        public boolean server() {
            return this != CLIENT;
        }

        public boolean client() {
            return this != SERVER;
        }
    }

    /** What inbound traffic resets the target's liveness. */
    public enum Liveness {
        /** Only the answer to its own ping (or, for a side that does not ping, the other side's ping). */
        PONG,
        /** Any frame or byte from the other side. */
        ANY
    }

    /** When the target's check fires; every rule stays within I + T + P of the last exchange that got through. */
    public enum Detection {
        /** A deadline per ping (or per silence) fires the moment T has passed. */
        DEADLINE,
        /** The check runs at the next ping tick (the {@code ws} README pattern: terminate if the last ping went unanswered). */
        NEXT_TICK,
        /** A timer every sweep period P closes connections silent for too long (Workerman). */
        SWEEP
    }

    public HeartbeatModel {
        Objects.requireNonNull(pings, "pings");
        Objects.requireNonNull(alive, "alive");
        Objects.requireNonNull(detection, "detection");
    }

    /** Server pings, the client answers; each side counts only the heartbeat it waits for; exact deadlines. */
    public static final HeartbeatModel SERVER_PINGS = new HeartbeatModel(Pingers.SERVER, Liveness.PONG, Detection.DEADLINE);
    /** Client pings, the server answers and counts any line as life, sweeping every P (seed 001). */
    public static final HeartbeatModel CLIENT_PINGS_SERVER_SWEEPS = new HeartbeatModel(Pingers.CLIENT, Liveness.ANY, Detection.SWEEP);
    /** Client pings, the server counts any read as life with an exact reader-idle deadline (seed 004). */
    public static final HeartbeatModel CLIENT_PINGS = new HeartbeatModel(Pingers.CLIENT, Liveness.ANY, Detection.DEADLINE);

    /** Whether the side playing the server ({@code server}) or the client sends pings of its own. */
    public boolean pingsFrom(boolean server) {
        return server ? pings.server() : pings.client();
    }

    public HeartbeatModel withPings(Pingers value) {
        return new HeartbeatModel(value, alive, detection);
    }

    public HeartbeatModel withAlive(Liveness value) {
        return new HeartbeatModel(pings, value, detection);
    }

    public HeartbeatModel withDetection(Detection value) {
        return new HeartbeatModel(pings, alive, value);
    }

    /** The word used in specs, reports and on the command line, e.g. {@code next-tick}. */
    public static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code text} as one of {@code type}'s words; the message names {@code field} and the words it knows. */
    public static <E extends Enum<E>> E parse(Class<E> type, String field, String text) {
        for (E value : type.getEnumConstants()) {
            if (word(value).equals(text)) {
                return value;
            }
        }
        throw new IllegalArgumentException(field + ": unknown value '" + text + "' (expected one of "
                + String.join(", ", Arrays.stream(type.getEnumConstants()).map(HeartbeatModel::word).toList()) + ")");
    }

    /** One line for reports: {@code pings: server, alive: pong, detection: deadline}. */
    public String describe() {
        return "pings: " + word(pings) + ", alive: " + word(alive) + ", detection: " + word(detection);
    }
}
