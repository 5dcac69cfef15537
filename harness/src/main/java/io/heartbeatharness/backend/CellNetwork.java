package io.heartbeatharness.backend;

import java.util.List;

/**
 * One cell's network on a backend: where the server and the client run, and the fault path between them.
 * Closed by the cell when it ends, whatever happened, so nothing a backend made outlives its cell.
 */
public interface CellNetwork extends AutoCloseable {

    /** The address the cell's server binds to (loopback, or an address inside a namespace of the cell's). */
    default String serverHost() {
        return "127.0.0.1";
    }

    /** The command that runs the server where this backend puts it (e.g. wrapped in {@code ip netns exec}). */
    default List<String> placeServer(List<String> command) {
        return command;
    }

    /** The command that runs the client where this backend puts it. */
    default List<String> placeClient(List<String> command) {
        return command;
    }

    /**
     * Puts the fault path in front of a server listening on {@link #serverHost()}:{@code serverPort}; the client
     * connects to what the path returns.
     */
    FaultPath path(int serverPort);

    @Override
    void close();
}
