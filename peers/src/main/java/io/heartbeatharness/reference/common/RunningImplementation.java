package io.heartbeatharness.reference.common;

/** A started reference server or client; {@link #close()} stops it and releases its threads and sockets. */
public interface RunningImplementation extends AutoCloseable {

    /** The port a server listens on; -1 for a client. */
    int port();

    @Override
    void close();
}
