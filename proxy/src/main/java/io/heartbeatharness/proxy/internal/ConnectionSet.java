package io.heartbeatharness.proxy.internal;

import io.netty.util.concurrent.Future;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A proxy's open connections, and the way to change them all from any thread before the change is reported done. */
public final class ConnectionSet {
    /** How long a change may wait for the event loop to apply it to every connection. */
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(10);

    private final Set<ProxyConnection> open = ConcurrentHashMap.newKeySet();

    /** Tracks {@code connection} until it closes. */
    void add(ProxyConnection connection) {
        open.add(connection);
        connection.closeFuture().addListener(f -> open.remove(connection));
    }

    /** Closes every connection's two sockets at once, bypassing toxics. */
    public void closeAll(String cause) {
        forEach(c -> c.closeAll(cause));
    }

    /** Resets every connection's two sockets at once (an RST to client and server), bypassing toxics. */
    public void resetAll(String cause) {
        forEach(c -> c.resetAll(cause));
    }

    /** Runs {@code action} on every connection's event loop and waits until all have run it. */
    void forEach(Consumer<ProxyConnection> action) {
        List<Future<?>> pending = new ArrayList<>();
        for (ProxyConnection connection : open) {
            pending.add(connection.execute(() -> action.accept(connection)));
        }
        long deadline = System.nanoTime() + APPLY_TIMEOUT.toNanos();
        for (Future<?> future : pending) {
            future.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }
}
