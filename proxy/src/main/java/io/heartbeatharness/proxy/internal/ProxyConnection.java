package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.proxy.control.ToxicSpec;
import io.heartbeatharness.proxy.toxics.ToxicControl;
import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.timeline.TapEvents;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One proxied connection: its two sockets ({@link SocketState} per side), its two directions ({@link DirectionState}
 * each), the toxics and heartbeat faults applied to it, and the rules for relaying one side's close to the other.
 *
 * <p>Everything here runs on the connection's event loop except {@link #closeFuture()} and {@link #execute}.
 * Closes that a blackhole or an expired NAT mapping swallows are held and relayed when the blackhole heals (never,
 * for an expired mapping).
 */
final class ProxyConnection implements ToxicControl {
    private static final AtomicLong IDS = new AtomicLong();

    /** How the proxy closes one of its sockets. */
    enum Mode {
        /** Through the toxics of that socket, after the bytes they hold: relaying the other side's close. */
        RELAY,
        /** At once, bypassing toxics (a fault, or the proxy being disabled). */
        DIRECT,
        /** At once with TCP RST (SO_LINGER 0). */
        RESET
    }

    private final String id = "c" + IDS.incrementAndGet();
    private final Tap tap;
    private final EventLoop loop;
    private final Promise<Void> closed;
    private final SocketState clientSocket = new SocketState();
    private final SocketState serverSocket = new SocketState();
    private final DirectionState upstream = new DirectionState(Direction.UPSTREAM);
    private final DirectionState downstream = new DirectionState(Direction.DOWNSTREAM);
    private final ConnectionToxics toxics = new ConnectionToxics(this);
    private final ConnectionFaults faults;
    private boolean resetting;

    ProxyConnection(ConnectionHost host, Channel client) {
        this.tap = host.tap();
        this.loop = client.eventLoop();
        this.closed = loop.newPromise();
        this.faults = new ConnectionFaults(host, this, loop);
        clientSocket.channel = client;
        client.attr(ToxicControl.KEY).set(this);
    }

    Future<Void> closeFuture() {
        return closed;
    }

    /** Runs {@code task} on this connection's event loop; returns a future that completes when it ran. */
    Future<?> execute(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return loop.newSucceededFuture(null);
        }
        return loop.submit(task);
    }

    private SocketState socket(Side side) {
        return side == Side.CLIENT ? clientSocket : serverSocket;
    }

    private DirectionState direction(Direction direction) {
        return direction == Direction.UPSTREAM ? upstream : downstream;
    }

    Channel channel(Side side) {
        return socket(side).channel;
    }

    void server(Channel channel) {
        serverSocket.channel = channel;
        channel.attr(ToxicControl.KEY).set(this);
    }

    void closeHandler(Side side, CloseHandler handler) {
        socket(side).closeHandler = handler;
    }

    void record(String type, Object... keyValues) {
        tap.record(id, type, keyValues);
    }

    /**
     * Bytes read from {@code from}: taps them (and the WebSocket Close frame they complete) and tells whether to
     * deliver them (no fault swallows them).
     */
    boolean onRead(Side from, ByteBuf data) {
        Direction flowing = from.sends();
        boolean drop = faults.swallows(flowing);
        faults.onRead();
        direction(flowing).tap(tap, id, data, drop);
        return !drop;
    }

    /* ---------------------------------------------------------------- closes */

    void onReset(Side side) {
        SocketState socket = socket(side);
        if (socket.resetIsNews()) {
            socket.resetSeen = true;
            record(TapEvents.RST, "side", side.wireName());
        }
    }

    /** {@code side}'s socket is closed, by its peer or by the proxy: tap it, then relay the close. */
    void onInactive(Side side) {
        SocketState socket = socket(side);
        if (socket.gone) {
            return;
        }
        socket.gone = true;
        if (!socket.closedByProxy && !socket.resetSeen) {
            record(TapEvents.FIN, "side", side.wireName());
        }
        relayClose(side);
        finishIfBothGone();
    }

    private void relayClose(Side from) {
        Side to = from.other();
        if (!socket(to).present()) {
            return;
        }
        if (faults.swallows(from.sends())) {
            direction(from.sends()).holdClose();
            return;
        }
        SocketState source = socket(from);
        String cause = source.closedByProxy ? "relay close" : source.resetSeen ? "relay rst" : "relay fin";
        close(to, cause, resetting ? Mode.RESET : Mode.RELAY);
    }

    /** A blackhole healed: relays the closes it swallowed (an expired NAT mapping never heals). */
    void releaseHeldCloses() {
        for (Direction flowing : Direction.values()) {
            DirectionState state = direction(flowing);
            if (state.closeHeld() && !faults.swallows(flowing)) {
                state.releaseClose();
                close(flowing.receiver(), "relay close held by blackhole", Mode.RELAY);
            }
        }
        finishIfBothGone();
    }

    void close(Side side, String cause, Mode mode) {
        SocketState socket = socket(side);
        if (!socket.present() || !socket.channel.isActive()) {
            return;
        }
        socket.closingFor(cause);
        if (mode == Mode.RESET) {
            resetting = true;
        }
        if (mode == Mode.RELAY || socket.closeHandler == null) {
            socket.channel.close();
        } else {
            socket.closeHandler.closeNow();
        }
    }

    /** Closes both sockets, client first. */
    void closeBoth(String cause, Mode mode) {
        close(Side.CLIENT, cause, mode);
        close(Side.SERVER, cause, mode);
    }

    /** Closes both sockets at once, bypassing toxics: the proxy was disabled or deleted. */
    void closeAll(String cause) {
        closeBoth(cause, Mode.DIRECT);
        if (serverSocket.channel == null) {
            finished();
        }
    }

    /** Resets both sockets at once (RST to client and server), bypassing toxics: a middlebox died mid-session. */
    void resetAll(String cause) {
        closeBoth(cause, Mode.RESET);
    }

    /** Called by the close handler when a close the proxy asked for reaches {@code side}'s socket. */
    void onProxyClose(Side side) {
        SocketState socket = socket(side);
        if (socket.gone || socket.closedByProxy) {
            return;
        }
        socket.closedByProxy = true;
        String cause = socket.pendingCause != null ? socket.pendingCause : "proxy";
        record(TapEvents.PROXY_CLOSE, "side", side.wireName(), "cause", cause, "rst", resetting);
    }

    boolean resetting() {
        return resetting;
    }

    private void finishIfBothGone() {
        if (clientSocket.gone && (serverSocket.gone || serverSocket.channel == null)) {
            finished();
        }
    }

    private void finished() {
        faults.stop();
        closed.trySuccess(null);
    }

    /* ---------------------------------------------------------------- ToxicControl */

    @Override
    public void close(ChannelHandlerContext ctx, String cause) {
        Side side = ctx.channel() == clientSocket.channel ? Side.CLIENT : Side.SERVER;
        socket(side).closingFor(cause);
        ctx.close();
    }

    @Override
    public void reset(ChannelHandlerContext ctx, String cause) {
        closeBoth(cause, Mode.RESET);
    }

    @Override
    public void closeConnection(ChannelHandlerContext ctx, String cause) {
        closeBoth(cause, Mode.DIRECT);
    }

    /* ---------------------------------------------------------------- toxics and heartbeat faults */

    void installToxic(ToxicSpec spec) {
        toxics.install(spec);
    }

    void updateToxic(ToxicSpec spec) {
        toxics.update(spec);
    }

    void removeToxic(String name) {
        toxics.remove(name);
    }

    void natIdle(long nanos) {
        faults.natIdle(nanos);
    }

    void idleClose(long nanos) {
        faults.idleClose(nanos);
    }

    @Override
    public String toString() {
        return id;
    }
}
