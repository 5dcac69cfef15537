package io.heartbeatharness.proxy.toxics;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays every chunk by {@code latency} milliseconds plus or minus up to {@code jitter} milliseconds, never
 * reordering chunks.
 *
 * @param latency the delay in milliseconds (negative counts as zero)
 * @param jitter  the maximum random deviation in milliseconds, drawn uniformly from [-jitter, jitter)
 */
public record LatencyToxic(long latency, long jitter) implements Toxic {
    public static final ToxicType TYPE = ToxicType.int64("latency", "LatencyToxic", List.of("latency", "jitter"),
            a -> new LatencyToxic(a[0], a[1]));

    /** Toxiproxy buffers up to 1024 chunks in a latency toxic before the reader waits. */
    static final int BUFFERED_CHUNKS = 1024;

    @Override
    public ToxicType type() {
        return TYPE;
    }

    @Override
    public Map<String, Long> attributes() {
        Map<String, Long> attributes = new LinkedHashMap<>();
        attributes.put("latency", latency);
        attributes.put("jitter", jitter);
        return attributes;
    }

    @Override
    public ToxicHandler<LatencyToxic> newHandler(boolean active) {
        return new Handler(this, active);
    }

    /** One chunk's delay in milliseconds: latency plus a uniform draw from [-jitter, jitter), as Toxiproxy draws it. */
    long delayMillis() {
        if (jitter <= 0) {
            return latency;
        }
        long bound = jitter > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : jitter * 2;
        return latency + ThreadLocalRandom.current().nextLong(bound) - jitter;
    }

    static final class Handler extends ToxicHandler<LatencyToxic> {
        private final TimedQueue queue = new TimedQueue(BUFFERED_CHUNKS);

        Handler(LatencyToxic toxic, boolean active) {
            super(toxic, active);
        }

        @Override
        protected void onData(ChannelHandlerContext ctx, ByteBuf data, ChannelPromise promise) {
            long now = now(ctx);
            queue.add(ctx, data, now, Millis.after(now, toxic().delayMillis()), promise);
        }

        @Override
        protected void onClose(ChannelHandlerContext ctx, ChannelPromise promise) {
            queue.closeWhenDrained(ctx, promise);
        }

        @Override
        protected void onUpdate(ChannelHandlerContext ctx, LatencyToxic previous) {
            // As in Toxiproxy, held chunks wait the new delay counted from their arrival.
            queue.retime(ctx, (arrival, bytes) -> Millis.after(arrival, toxic().delayMillis()));
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
