package io.heartbeatharness.proxy.toxics;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Limits the stream to {@code rate} kilobytes (1,000 bytes) per second, delivering at most 100 ms worth of bytes
 * at a time; a rate of 0 (or less) holds every byte, and the end of the stream, until the toxic changes.
 *
 * @param rate kilobytes per second
 */
public record BandwidthToxic(long rate) implements Toxic {
    public static final ToxicType TYPE = ToxicType.int64("bandwidth", "BandwidthToxic", List.of("rate"),
            a -> new BandwidthToxic(a[0]));

    /** Toxiproxy splits a chunk into pieces of 100 ms worth of bytes. */
    private static final long SLICE_MILLIS = 100;

    @Override
    public ToxicType type() {
        return TYPE;
    }

    @Override
    public Map<String, Long> attributes() {
        Map<String, Long> attributes = new LinkedHashMap<>();
        attributes.put("rate", rate);
        return attributes;
    }

    @Override
    public ToxicHandler<BandwidthToxic> newHandler(boolean active) {
        return new Handler(this, active);
    }

    /** Nanoseconds {@code bytes} take at this rate (bytes / rate = milliseconds). */
    long transmitNanos(long bytes) {
        return bytes * 1_000_000L / rate;
    }

    static final class Handler extends ToxicHandler<BandwidthToxic> {
        private final TimedQueue queue = new TimedQueue(1);

        Handler(BandwidthToxic toxic, boolean active) {
            super(toxic, active);
        }

        @Override
        protected void onData(ChannelHandlerContext ctx, ByteBuf data, ChannelPromise promise) {
            long now = now(ctx);
            long rate = toxic().rate();
            if (rate <= 0) {
                queue.add(ctx, data, now, TimedQueue.NEVER, promise);
                return;
            }
            long slice = rate > Integer.MAX_VALUE / SLICE_MILLIS ? Integer.MAX_VALUE : rate * SLICE_MILLIS;
            long cursor = Math.max(queue.lastDue(), now);
            while (data.readableBytes() > slice) {
                ByteBuf piece = data.readRetainedSlice((int) slice);
                cursor += toxic().transmitNanos(piece.readableBytes());
                queue.add(ctx, piece, now, cursor, null);
            }
            cursor += toxic().transmitNanos(data.readableBytes());
            queue.add(ctx, data, now, cursor, promise);
        }

        @Override
        protected void onClose(ChannelHandlerContext ctx, ChannelPromise promise) {
            queue.closeWhenDrained(ctx, promise);
        }

        @Override
        protected void onUpdate(ChannelHandlerContext ctx, BandwidthToxic previous) {
            long rate = toxic().rate();
            long[] cursor = {now(ctx)};
            queue.retime(ctx, (arrival, bytes) -> rate <= 0 ? TimedQueue.NEVER
                    : (cursor[0] += toxic().transmitNanos(bytes)));
        }

        @Override
        protected void flushHeld(ChannelHandlerContext ctx) {
            queue.flushAll(ctx);
        }

        @Override
        protected void discard(ChannelHandlerContext ctx) {
            queue.discard();
        }
    }
}
