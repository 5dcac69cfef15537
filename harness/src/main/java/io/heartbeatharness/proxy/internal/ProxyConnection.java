package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.proxy.Side;
import io.heartbeatharness.proxy.TapEvents;
import io.heartbeatharness.timeline.Timeline;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;

import java.util.concurrent.atomic.AtomicLong;

/** One proxied connection: its id, its two channels, and closes held back by a blackhole. */
public final class ProxyConnection {
    private static final AtomicLong IDS = new AtomicLong();

    private final String id = "c" + IDS.incrementAndGet();
    private final Timeline tap;
    private final Channel client;
    private volatile Channel server;
    private volatile boolean clientGone;
    private volatile boolean serverGone;
    private volatile boolean clientClosedByProxy;
    private volatile boolean serverClosedByProxy;
    private final Promise<Void> closed = new DefaultPromise<>(GlobalEventExecutor.INSTANCE);

    ProxyConnection(Timeline tap, Channel client) {
        this.tap = tap;
        this.client = client;
    }

    public String id() {
        return id;
    }

    public Channel client() {
        return client;
    }

    public Channel server() {
        return server;
    }

    void server(Channel channel) {
        this.server = channel;
    }

    Channel other(Side side) {
        return side == Side.CLIENT ? server : client;
    }

    void record(String type, Object... keyValues) {
        Object[] all = new Object[keyValues.length + 2];
        all[0] = "conn";
        all[1] = id;
        System.arraycopy(keyValues, 0, all, 2, keyValues.length);
        tap.record(TapEvents.SOURCE, type, all);
    }

    void gone(Side side) {
        if (side == Side.CLIENT) {
            clientGone = true;
        } else {
            serverGone = true;
        }
        if ((clientGone || client == null || !client.isActive()) && (serverGone || server == null || !server.isActive())) {
            closed.trySuccess(null);
        }
    }

    /** Relays a close that a blackhole swallowed, once the blackhole is gone. */
    public void releaseHeldCloses() {
        if (clientGone) {
            closeAfterFlush(Side.SERVER, "relay close held by blackhole");
        }
        if (serverGone) {
            closeAfterFlush(Side.CLIENT, "relay close held by blackhole");
        }
    }

    void closeAfterFlush(Side side, String cause) {
        Channel channel = side == Side.CLIENT ? client : server;
        if (channel != null && channel.isActive()) {
            if (side == Side.CLIENT) {
                clientClosedByProxy = true;
            } else {
                serverClosedByProxy = true;
            }
            record(TapEvents.PROXY_CLOSE, "side", side.wireName(), "cause", cause);
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Whether the proxy itself closed {@code side}, so its going inactive is not that side's own FIN. */
    boolean closedByProxy(Side side) {
        return side == Side.CLIENT ? clientClosedByProxy : serverClosedByProxy;
    }

    public void closeBoth() {
        clientClosedByProxy = true;
        serverClosedByProxy = true;
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        closed.trySuccess(null);
    }

    public Future<Void> closeFuture() {
        return closed;
    }
}
