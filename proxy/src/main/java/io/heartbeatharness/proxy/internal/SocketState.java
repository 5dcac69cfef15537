package io.heartbeatharness.proxy.internal;

import io.netty.channel.Channel;

/**
 * What a connection knows about one of its two sockets: enough to tap each close once, attributed to whoever made
 * it (the peer's FIN or RST, or the proxy with its cause). Touched only on the connection's event loop.
 */
final class SocketState {
    /** The socket; {@code null} on the server side until the upstream connection is made. */
    Channel channel;
    /** Where the proxy's own closes of this socket go when they must bypass the toxics. */
    CloseHandler closeHandler;
    /** The socket became inactive. */
    boolean gone;
    /** A close the proxy asked for reached the socket. */
    boolean closedByProxy;
    /** The peer reset the socket. */
    boolean resetSeen;
    /** Why the proxy is closing the socket, for its {@code proxy-close} event. */
    String pendingCause;

    /** Remembers why the proxy closes this socket; the first reason given is the one tapped. */
    void closingFor(String cause) {
        if (pendingCause == null) {
            pendingCause = cause;
        }
    }

    /** Whether a reset seen now is news: the socket is open and the proxy is not closing it. */
    boolean resetIsNews() {
        return !resetSeen && !gone && !closedByProxy;
    }

    /** Whether the socket exists and has not gone inactive. */
    boolean present() {
        return channel != null && !gone;
    }
}
