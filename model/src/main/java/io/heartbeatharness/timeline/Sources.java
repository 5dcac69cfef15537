package io.heartbeatharness.timeline;

/**
 * Who recorded a timeline event ({@link TimelineEvent#source()}). A started process records under its own name, which
 * begins with one of {@link #TARGET} or {@link #PEER}; the other sources are the harness's own.
 */
public final class Sources {
    /** The embedded proxy's tap: every accept, byte, FIN and RST it relays ({@link TapEvents}). */
    public static final String PROXY = "proxy";
    /** The harness itself: fault start and end, phases, teardown ({@link HarnessEvents}). */
    public static final String HARNESS = "harness";
    /** The implementation under test, when the harness started it or reads its log ({@link PeerEvents}). */
    public static final String TARGET = "target";
    /** The harness's own counterpart of the target ({@link PeerEvents}). */
    public static final String PEER = "peer";

    private Sources() {
    }
}
