package io.heartbeatharness.proxy.toxics;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;

import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Bytes held until their due time, released strictly in order, followed by a held close: the shared mechanics of
 * the latency, bandwidth and slicer toxics.
 *
 * <p>Back-pressure: the relay reads the next chunk only when the previous write's promise completes. The queue
 * completes a chunk's promise at once while fewer than {@code acceptAhead} entries wait, so the reader keeps
 * going (Toxiproxy's latency toxic buffers 1024 chunks the same way); beyond that the promise completes only when
 * the chunk is written, which stops the reader and lets TCP flow control slow the sender.
 */
final class TimedQueue {
    /** A due time that never comes: the entry waits until the toxic changes or is removed. */
    static final long NEVER = Long.MAX_VALUE;

    private static final class Entry {
        final ByteBuf data;
        final long arrival;
        long due;
        ChannelPromise promise;

        Entry(ByteBuf data, long arrival, long due, ChannelPromise promise) {
            this.data = data;
            this.arrival = arrival;
            this.due = due;
            this.promise = promise;
        }
    }

    /** Computes an entry's new due time from its arrival time and size. */
    interface Retimer {
        long due(long arrival, int bytes);
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final int acceptAhead;
    private ChannelPromise pendingClose;
    private ScheduledFuture<?> timer;
    private long lastDue = Long.MIN_VALUE;

    TimedQueue(int acceptAhead) {
        this.acceptAhead = acceptAhead;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The due time of the last entry added, or {@code Long.MIN_VALUE}; later entries are never due earlier. */
    long lastDue() {
        return lastDue;
    }

    /**
     * Queues {@code data} for {@code due} (never before the entries ahead of it) and completes {@code promise} now
     * or when written; a {@code null} promise marks a piece of a larger chunk whose promise rides on a later piece.
     */
    void add(ChannelHandlerContext ctx, ByteBuf data, long arrival, long due, ChannelPromise promise) {
        if (promise != null && entries.size() < acceptAhead) {
            promise.trySuccess();
            promise = null;
        }
        long effective = Math.max(due, lastDue);
        lastDue = effective;
        entries.add(new Entry(data, arrival, effective, promise));
        if (timer == null) {
            release(ctx);
        }
    }

    /** Passes the close on once every held byte is written. */
    void closeWhenDrained(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (entries.isEmpty() && pendingClose == null) {
            ctx.close(promise);
        } else if (pendingClose == null) {
            pendingClose = promise;
        } else {
            pendingClose.addListener(f -> promise.trySuccess());
        }
    }

    /** Recomputes every held entry's due time (a toxic's attributes changed), keeping their order. */
    void retime(ChannelHandlerContext ctx, Retimer retimer) {
        cancelTimer();
        lastDue = Long.MIN_VALUE;
        for (Entry entry : entries) {
            entry.due = Math.max(retimer.due(entry.arrival, entry.data.readableBytes()), lastDue);
            lastDue = entry.due;
        }
        release(ctx);
    }

    /** Writes every entry that is due, then schedules the next one (or passes a held close on). */
    void release(ChannelHandlerContext ctx) {
        long now = ToxicHandler.now(ctx);
        boolean wrote = false;
        while (!entries.isEmpty() && entries.peek().due <= now) {
            write(ctx, entries.poll());
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
        if (entries.isEmpty()) {
            lastDue = Long.MIN_VALUE;
            passCloseOn(ctx);
            return;
        }
        long due = entries.peek().due;
        if (timer == null && due != NEVER) {
            timer = ctx.executor().schedule(() -> {
                timer = null;
                release(ctx);
            }, due - now, TimeUnit.NANOSECONDS);
        }
    }

    /** Writes everything now, in order, then a held close: the toxic stops applying. */
    void flushAll(ChannelHandlerContext ctx) {
        cancelTimer();
        boolean wrote = !entries.isEmpty();
        while (!entries.isEmpty()) {
            write(ctx, entries.poll());
        }
        if (wrote) {
            ctx.flush();
        }
        lastDue = Long.MIN_VALUE;
        passCloseOn(ctx);
    }

    /** The socket is gone: releases every held buffer. */
    void discard() {
        cancelTimer();
        while (!entries.isEmpty()) {
            Entry entry = entries.poll();
            entry.data.release();
            if (entry.promise != null) {
                entry.promise.tryFailure(new ClosedChannelException());
            }
        }
        if (pendingClose != null) {
            pendingClose.trySuccess();
            pendingClose = null;
        }
    }

    private void passCloseOn(ChannelHandlerContext ctx) {
        if (pendingClose != null) {
            ChannelPromise close = pendingClose;
            pendingClose = null;
            ctx.close(close);
        }
    }

    private static void write(ChannelHandlerContext ctx, Entry entry) {
        if (entry.promise != null) {
            ctx.write(entry.data, entry.promise);
        } else {
            ctx.write(entry.data);
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
