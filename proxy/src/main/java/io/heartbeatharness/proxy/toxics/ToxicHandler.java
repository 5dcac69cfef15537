package io.heartbeatharness.proxy.toxics;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

import java.util.Objects;

/**
 * Applies one toxic to the bytes written to one socket of one connection (an outbound handler in that socket's
 * pipeline): {@code write} carries bytes the proxy read from the other socket, {@code close} the end of that
 * stream (or a close the proxy decided on).
 *
 * <p>The contract (Toxiproxy's CREATING_TOXICS.md) that every subclass keeps:
 * <ul>
 *   <li>it may be removed from the pipeline at any moment: {@link #flushHeld} then delivers everything it holds,
 *       in order, followed by a close it held back;</li>
 *   <li>it never loses or reorders bytes it accepted (except where dropping them is the toxic's very purpose);</li>
 *   <li>it passes the end of the stream on after the bytes that preceded it.</li>
 * </ul>
 * Time is read from the channel's executor ({@link #now}), so tests can freeze and advance it.
 *
 * @param <T> the toxic this handler applies
 */
public abstract class ToxicHandler<T extends Toxic> extends ChannelOutboundHandlerAdapter {
    private T toxic;
    private boolean active;
    private ChannelHandlerContext ctx;

    protected ToxicHandler(T toxic, boolean active) {
        this.toxic = Objects.requireNonNull(toxic, "toxic");
        this.active = active;
    }

    public final T toxic() {
        return toxic;
    }

    /** Whether this connection drew the toxic (its toxicity roll); an inactive handler passes everything on. */
    public final boolean isActive() {
        return active;
    }

    /**
     * Applies new attributes and a new toxicity roll to this connection, as Toxiproxy does when a toxic is updated.
     * Must run on the channel's event loop.
     */
    public final void update(Toxic updated, boolean nowActive) {
        if (updated.type() != toxic.type()) {
            throw new IllegalArgumentException("cannot update a " + toxic.type().name() + " toxic to " + updated.type().name());
        }
        @SuppressWarnings("unchecked")
        T next = (T) updated;
        T previous = toxic;
        boolean wasActive = active;
        toxic = next;
        active = nowActive;
        if (ctx == null) {
            return;
        }
        if (wasActive && !nowActive) {
            flushHeld(ctx);
        } else if (!wasActive && nowActive) {
            onStart(ctx);
        } else if (nowActive) {
            onUpdate(ctx, previous);
        }
    }

    @Override
    public final void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (active) {
            onStart(ctx);
        }
    }

    @Override
    public final void handlerRemoved(ChannelHandlerContext ctx) {
        if (!active) {
            return;
        }
        if (ctx.channel().isActive()) {
            onRemoved(ctx);
        } else {
            discard(ctx);
        }
    }

    @Override
    public final void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (active && msg instanceof ByteBuf buf) {
            onData(ctx, buf, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public final void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (active) {
            onClose(ctx, promise);
        } else {
            ctx.close(promise);
        }
    }

    /** The toxic starts applying to this connection (added, or activated by an update). */
    protected void onStart(ChannelHandlerContext ctx) {
    }

    /** Bytes to deliver; the handler owns {@code data} and must write, hold or release it. */
    protected abstract void onData(ChannelHandlerContext ctx, ByteBuf data, ChannelPromise promise);

    /** The end of the stream (or a close the proxy asked for), to pass on after any held bytes. */
    protected void onClose(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.close(promise);
    }

    /** The attributes changed while the toxic stays active; {@code previous} held the old ones. */
    protected void onUpdate(ChannelHandlerContext ctx, T previous) {
    }

    /** The toxic was removed while the socket is open: by default it stops applying ({@link #flushHeld}). */
    protected void onRemoved(ChannelHandlerContext ctx) {
        flushHeld(ctx);
    }

    /** Stops applying: cancels timers and writes everything held, in order, then a held close. */
    protected abstract void flushHeld(ChannelHandlerContext ctx);

    /** The socket is gone: cancels timers and releases whatever is held. */
    protected abstract void discard(ChannelHandlerContext ctx);

    /** The channel executor's clock in nanoseconds (virtual when a test froze it). */
    protected static long now(ChannelHandlerContext ctx) {
        return ctx.executor().ticker().nanoTime();
    }

    protected static ToxicControl control(ChannelHandlerContext ctx) {
        return ToxicControl.of(ctx.channel());
    }
}
