package io.heartbeatharness.backend;


import java.util.Optional;

/**
 * What makes a cell's faults: the embedded proxy, a Toxiproxy server, or the Linux kernel. A backend decides where
 * the cell's two processes run and what stands between them; scenarios only ask for faults through
 * {@link FaultPath}, and a fault a backend cannot make really is refused ({@link
 * io.heartbeatharness.backend.UnsupportedFault}), never approximated.
 */
public interface FaultBackend {

    /** Name used on the command line ({@code --backend}) and in reports, e.g. {@code embedded}. */
    String id();

    /** Why this backend cannot run on this machine (not root, no iptables, no Docker image…), or empty. */
    Optional<String> unavailableReason();

    /**
     * Why this backend cannot run {@code scenario} at all (it needs evidence the backend does not record), or empty;
     * a refused cell is {@code UNSUPPORTED} with the reason and starts nothing.
     */
    default Optional<String> refusal(FaultDemand scenario) {
        return Optional.empty();
    }

    /**
     * Prepares the cell's network before any process starts (namespaces, a container…); owned and closed by the
     * cell.
     */
    CellNetwork open(BackendCell cell);
}
