package io.heartbeatharness.scenario;

import io.heartbeatharness.process.ManagedProcess;
import io.heartbeatharness.proxy.EmbeddedProxy;

/**
 * A cell's processes and proxy: {@code client → proxy → server}, where one of client and server is the target
 * and the other the harness's peer.
 *
 * @param proxy          the embedded proxy between them
 * @param server         the server process (target or peer)
 * @param client         the client process (target or peer)
 * @param serverPort     the port the server listens on (kept across a restart)
 * @param targetIsServer whether the server is the target
 */
public record Wiring(EmbeddedProxy proxy, ManagedProcess server, ManagedProcess client, int serverPort,
                     boolean targetIsServer) {

    public ManagedProcess target() {
        return targetIsServer ? server : client;
    }

    public ManagedProcess peer() {
        return targetIsServer ? client : server;
    }
}
