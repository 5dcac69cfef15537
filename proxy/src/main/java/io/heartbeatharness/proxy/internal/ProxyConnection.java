package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.timeline.TapEvents;
import io.heartbeatharness.proxy.ToxicSpec;
import io.heartbeatharness.proxy.toxics.ToxicControl;
import io.heartbeatharness.proxy.toxics.ToxicHandler;
import io.heartbeatharness.time.Mono;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One proxied connection: its two sockets, the toxics installed on them, the state of the heartbeat faults, and
 * the rules for relaying one side's close to the other.
 *
 * <p>Everything here runs on the connection's event loop except {@link #id()}, {@link #closeFuture()} and
 * {@link #execute}. Closes that a blackhole or an expired NAT mapping swallows are remembered and relayed when
 * the blackhole heals (never, for an expired mapping).
 */
public final class ProxyConnection implements ToxicControl {
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
    private final ConnectionHost host;
    private final Tap tap;
    private final Channel client;
    private final EventLoop loop;
    private Channel server;

    private final boolean[] gone = new boolean[2];
    private final boolean[] closedByProxy = new boolean[2];
    private final boolean[] resetSeen = new boolean[2];
    private final boolean[] closeHeld = new boolean[2];
    private final String[] pendingCause = new String[2];
    private final CloseHandler[] closeHandlers = new CloseHandler[2];
    private boolean resetting;

    private final Map<String, ToxicHandler<?>> toxics = new HashMap<>();
    /** Per side, indexed like {@link Side#ordinal()}: what it sends, read as WebSocket frames where it is one. */
    private final WebSocketFrameSniffer[] sniffers = {new WebSocketFrameSniffer(true), new WebSocketFrameSniffer(false)};

    private long lastActivity = Mono.now();
    private boolean natExpired;
    private long natArmedAt;
    private ScheduledFuture<?> natCheck;
    private long idleArmedAt;
    private ScheduledFuture<?> idleCheck;

    private final Promise<Void> closed;

    ProxyConnection(ConnectionHost host, Tap tap, Channel client) {
        this.host = host;
        this.tap = tap;
        this.client = client;
        this.loop = client.eventLoop();
        this.closed = loop.newPromise();
        client.attr(ToxicControl.KEY).set(this);
    }

    public String id() {
        return id;
    }

    public Future<Void> closeFuture() {
        return closed;
    }

    /** Runs {@code task} on this connection's event loop; returns a future that completes when it ran. */
    public Future<?> execute(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return loop.newSucceededFuture(null);
        }
        return loop.submit(task);
    }

    Channel channel(Side side) {
        return side == Side.CLIENT ? client : server;
    }

    Side sideOf(Channel channel) {
        return channel == client ? Side.CLIENT : Side.SERVER;
    }

    void server(Channel channel) {
        this.server = channel;
        channel.attr(ToxicControl.KEY).set(this);
    }

    boolean connected() {
        return server != null;
    }

    void closeHandler(Side side, CloseHandler handler) {
        closeHandlers[side.ordinal()] = handler;
    }

    void record(String type, Object... keyValues) {
        tap.record(id, type, keyValues);
    }

    /* ---------------------------------------------------------------- bytes */

    /**
     * Bytes read from {@code from}: taps them (and the WebSocket control frames they complete) and tells whether to
     * deliver them (no fault swallows them).
     */
    boolean onRead(Side from, ByteBuf data) {
        Direction direction = from.sends();
        boolean drop = natExpired || host.dropping(direction);
        if (!natExpired) {
            lastActivity = Mono.now();
        }
        tap.recordBytes(id, direction.wireName(), data.readableBytes(), drop);
        WebSocketFrameSniffer sniffer = sniffers[from.ordinal()];
        if (!sniffer.off()) {
            // Only Close frames are recorded: a judge reads them, while pings and pongs already show as bytes and
            // would grow every timeline by an event per heartbeat.
            sniffer.read(data, (frame, code) -> {
                if ("close".equals(frame)) {
                    tap.record(id, TapEvents.WS_FRAME, "side", from.wireName(), "direction", direction.wireName(),
                            "frame", frame, "code", code < 0 ? null : code, "dropped", drop);
                }
            });
        }
        return !drop;
    }

    /* ---------------------------------------------------------------- closes */

    void onReset(Side side) {
        int i = side.ordinal();
        if (!resetSeen[i] && !gone[i] && !closedByProxy[i]) {
            resetSeen[i] = true;
            record(TapEvents.RST, "side", side.wireName());
        }
    }

    /** {@code side}'s socket is closed, by its peer or by the proxy: tap it, then relay the close. */
    void onInactive(Side side) {
        int i = side.ordinal();
        if (gone[i]) {
            return;
        }
        gone[i] = true;
        if (!closedByProxy[i] && !resetSeen[i]) {
            record(TapEvents.FIN, "side", side.wireName());
        }
        relayClose(side);
        if ((gone[0] || channel(Side.CLIENT) == null) && (gone[1] || server == null)) {
            finished();
        }
    }

    private void relayClose(Side from) {
        Side to = from.other();
        Channel target = channel(to);
        if (target == null || gone[to.ordinal()]) {
            return;
        }
        if (natExpired || host.dropping(from.sends())) {
            closeHeld[from.ordinal()] = true;
            return;
        }
        String cause = closedByProxy[from.ordinal()] ? "relay close" : resetSeen[from.ordinal()] ? "relay rst" : "relay fin";
        close(to, cause, resetting ? Mode.RESET : Mode.RELAY);
    }

    /** A blackhole healed: relays the closes it swallowed (an expired NAT mapping never heals). */
    public void releaseHeldCloses() {
        for (Side side : Side.values()) {
            int i = side.ordinal();
            if (closeHeld[i] && !natExpired && !host.dropping(side.sends())) {
                closeHeld[i] = false;
                close(side.other(), "relay close held by blackhole", Mode.RELAY);
            }
        }
        if (gone[0] && (gone[1] || server == null)) {
            finished();
        }
    }

    void close(Side side, String cause, Mode mode) {
        Channel channel = channel(side);
        if (channel == null || gone[side.ordinal()] || !channel.isActive()) {
            return;
        }
        if (pendingCause[side.ordinal()] == null) {
            pendingCause[side.ordinal()] = cause;
        }
        if (mode == Mode.RESET) {
            resetting = true;
        }
        CloseHandler handler = closeHandlers[side.ordinal()];
        if (mode == Mode.RELAY || handler == null) {
            channel.close();
        } else {
            handler.closeNow();
        }
    }

    /** Closes both sockets at once, bypassing toxics: the proxy was disabled or deleted. */
    public void closeAll(String cause) {
        close(Side.CLIENT, cause, Mode.DIRECT);
        close(Side.SERVER, cause, Mode.DIRECT);
        if (server == null) {
            finished();
        }
    }

    /** Resets both sockets at once (RST to client and server), bypassing toxics: a middlebox died mid-session. */
    public void resetAll(String cause) {
        close(Side.CLIENT, cause, Mode.RESET);
        close(Side.SERVER, cause, Mode.RESET);
    }

    /** Called by the close handler when a close the proxy asked for reaches {@code side}'s socket. */
    void onProxyClose(Side side) {
        int i = side.ordinal();
        if (gone[i] || closedByProxy[i]) {
            return;
        }
        closedByProxy[i] = true;
        String cause = pendingCause[i] != null ? pendingCause[i] : "proxy";
        record(TapEvents.PROXY_CLOSE, "side", side.wireName(), "cause", cause, "rst", resetting);
    }

    boolean resetting() {
        return resetting;
    }

    private void finished() {
        cancel(natCheck);
        cancel(idleCheck);
        natCheck = null;
        idleCheck = null;
        closed.trySuccess(null);
    }

    /* ---------------------------------------------------------------- ToxicControl */

    @Override
    public void close(ChannelHandlerContext ctx, String cause) {
        int i = sideOf(ctx.channel()).ordinal();
        if (pendingCause[i] == null) {
            pendingCause[i] = cause;
        }
        ctx.close();
    }

    @Override
    public void reset(ChannelHandlerContext ctx, String cause) {
        close(Side.CLIENT, cause, Mode.RESET);
        close(Side.SERVER, cause, Mode.RESET);
    }

    @Override
    public void closeConnection(ChannelHandlerContext ctx, String cause) {
        close(Side.CLIENT, cause, Mode.DIRECT);
        close(Side.SERVER, cause, Mode.DIRECT);
    }

    /* ---------------------------------------------------------------- toxics */

    /** Installs {@code spec} at the end of its direction's chain, unless this connection already has it. */
    public void installToxic(ToxicSpec spec) {
        Channel destination = channel(spec.stream().receiver());
        if (destination == null || toxics.containsKey(spec.name()) || !destination.isRegistered()) {
            return;
        }
        ToxicHandler<?> handler = spec.toxic().newHandler(roll(spec.toxicity()));
        toxics.put(spec.name(), handler);
        // Later toxics sit nearer the socket, so bytes meet the toxics in the order they were added.
        destination.pipeline().addAfter(CloseHandler.NAME, "toxic:" + spec.name(), handler);
    }

    public void updateToxic(ToxicSpec spec) {
        ToxicHandler<?> handler = toxics.get(spec.name());
        if (handler != null) {
            handler.update(spec.toxic(), roll(spec.toxicity()));
        }
    }

    public void removeToxic(String name) {
        ToxicHandler<?> handler = toxics.remove(name);
        if (handler == null) {
            return;
        }
        for (Side side : Side.values()) {
            Channel channel = channel(side);
            if (channel != null) {
                ChannelPipeline pipeline = channel.pipeline();
                if (pipeline.context(handler) != null) {
                    pipeline.remove(handler);
                }
            }
        }
    }

    /** Toxiproxy draws a float in [0, 1) and applies the toxic when it is below the toxicity. */
    private static boolean roll(float toxicity) {
        return toxicity >= 1f || ThreadLocalRandom.current().nextFloat() < toxicity;
    }

    /* ---------------------------------------------------------------- NAT idle expiry and idle close */

    /** Arms (or, with 0, disarms) the NAT idle expiry: silence in both directions this long forgets the mapping. */
    public void natIdle(long nanos) {
        cancel(natCheck);
        natCheck = null;
        if (nanos > 0 && !natExpired && !closed.isDone()) {
            natArmedAt = Mono.now();
            scheduleNatCheck(nanos);
        }
    }

    private void scheduleNatCheck(long nanos) {
        long silent = Mono.now() - Math.max(lastActivity, natArmedAt);
        if (silent >= nanos) {
            natExpired = true;
            natCheck = null;
            record(TapEvents.NAT_EXPIRED, "idle_ms", TimeUnit.NANOSECONDS.toMillis(silent));
            return;
        }
        natCheck = loop.schedule(() -> scheduleNatCheck(nanos), nanos - silent, TimeUnit.NANOSECONDS);
    }

    public boolean natExpired() {
        return natExpired;
    }

    /** Arms (or, with 0, disarms) the idle close: silence in both directions this long closes both sockets. */
    public void idleClose(long nanos) {
        cancel(idleCheck);
        idleCheck = null;
        if (nanos > 0 && !closed.isDone()) {
            idleArmedAt = Mono.now();
            scheduleIdleCheck(nanos);
        }
    }

    private void scheduleIdleCheck(long nanos) {
        long silent = Mono.now() - Math.max(lastActivity, idleArmedAt);
        if (silent >= nanos) {
            idleCheck = null;
            String cause = "idle-close after " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
            close(Side.CLIENT, cause, Mode.DIRECT);
            close(Side.SERVER, cause, Mode.DIRECT);
            return;
        }
        idleCheck = loop.schedule(() -> scheduleIdleCheck(nanos), nanos - silent, TimeUnit.NANOSECONDS);
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
