package io.heartbeatharness.fault;

import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.backend.UnsupportedFault;
import io.heartbeatharness.process.ManagedProcess;
import io.heartbeatharness.process.StartedProgram;
import io.heartbeatharness.proxy.EmbeddedProxy;
import io.heartbeatharness.backend.EmbeddedBackend;
import io.heartbeatharness.backend.FaultPath;

/**
 * A cell's processes and the fault path between them: {@code client → path → server}, where one of client and
 * server is the target and the other the harness's peer.
 *
 * @param path           the backend's fault path between them (the embedded proxy by default)
 * @param server         the server (target or peer): a process, or a container
 * @param client         the client (target or peer)
 * @param serverPort     the port the server listens on (kept across a restart)
 * @param targetIsServer whether the server is the target
 */
public record Wiring(FaultPath path, StartedProgram server, StartedProgram client, int serverPort,
                     Side targetRole) {

    public StartedProgram target() {
        return targetRole == Side.SERVER ? server : client;
    }

    public StartedProgram peer() {
        return targetRole == Side.SERVER ? client : server;
    }

    /** The embedded proxy, for faults only it makes; on any other backend the cell is UNSUPPORTED. */
    public EmbeddedProxy proxy() {
        if (path instanceof EmbeddedBackend.Path embedded) {
            return embedded.proxy();
        }
        throw new UnsupportedFault("needs the embedded proxy, not " + path.getClass().getSimpleName());
    }
}
