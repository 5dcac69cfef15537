package io.heartbeatharness.proxy.toxics;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Slices every chunk into pieces of about {@code average_size} bytes (plus or minus {@code size_variation}) and
 * sends them {@code delay} microseconds apart, as TCP segments on a real network arrive.
 *
 * <p>Toxiproxy requires the variation to be below the average; here an average below 1 counts as 1 and a
 * variation is clamped below the average, instead of crashing the server as such values do in Toxiproxy.
 *
 * @param averageSize   average piece size in bytes
 * @param sizeVariation maximum deviation of a split point in bytes
 * @param delay         microseconds between pieces
 */
public record SlicerToxic(long averageSize, long sizeVariation, long delay) implements Toxic {
    public static final ToxicType TYPE = new ToxicType("slicer", "SlicerToxic",
            List.of("average_size", "size_variation", "delay"), List.of("int", "int", "int"),
            a -> new SlicerToxic(a[0], a[1], a[2]));

    @Override
    public ToxicType type() {
        return TYPE;
    }

    @Override
    public Map<String, Long> attributes() {
        Map<String, Long> attributes = new LinkedHashMap<>();
        attributes.put("average_size", averageSize);
        attributes.put("size_variation", sizeVariation);
        attributes.put("delay", delay);
        return attributes;
    }

    @Override
    public ToxicHandler<SlicerToxic> newHandler(boolean active) {
        return new Handler(this, active);
    }

    /**
     * Split points for {@code length} bytes: Toxiproxy's recursive halving, where a range no larger than
     * average + variation is one piece and a larger one is split near its middle, moved by a random variation.
     */
    List<Integer> cuts(int length) {
        long average = Math.max(1, averageSize);
        long variation = Math.max(0, Math.min(sizeVariation, average - 1));
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Integer> cuts = new ArrayList<>();
        Deque<int[]> ranges = new ArrayDeque<>();
        ranges.push(new int[] {0, length});
        while (!ranges.isEmpty()) {
            int[] range = ranges.pop();
            int start = range[0];
            int end = range[1];
            if ((long) end - start - average <= variation) {
                cuts.add(end);
                continue;
            }
            long shift = variation > 0 ? random.nextLong(variation * 2) - variation : 0;
            int mid = (int) Math.max(start + 1, Math.min(end - 1, start + (end - start) / 2 + shift));
            ranges.push(new int[] {mid, end});
            ranges.push(new int[] {start, mid});
        }
        return cuts;
    }

    long delayNanos() {
        return delay <= 0 ? 0 : (delay > Long.MAX_VALUE / 1000 ? TimedQueue.NEVER - 1 : delay * 1000);
    }

    static final class Handler extends ToxicHandler<SlicerToxic> {
        private final TimedQueue queue = new TimedQueue(1);
        /** When the next piece may go: Toxiproxy waits {@code delay} after every piece, the last one included. */
        private long nextFree = Long.MIN_VALUE;

        Handler(SlicerToxic toxic, boolean active) {
            super(toxic, active);
        }

        @Override
        protected void onData(ChannelHandlerContext ctx, ByteBuf data, ChannelPromise promise) {
            long now = now(ctx);
            long gap = toxic().delayNanos();
            long cursor = Math.max(nextFree, now);
            List<Integer> cuts = toxic().cuts(data.readableBytes());
            int from = 0;
            for (int i = 0; i < cuts.size(); i++) {
                int to = cuts.get(i);
                boolean last = i == cuts.size() - 1;
                ByteBuf piece = last ? data : data.readRetainedSlice(to - from);
                queue.add(ctx, piece, now, cursor, last ? promise : null);
                cursor = cursor + gap < cursor ? TimedQueue.NEVER - 1 : cursor + gap;
                from = to;
            }
            nextFree = cursor;
        }

        @Override
        protected void onClose(ChannelHandlerContext ctx, ChannelPromise promise) {
            queue.closeWhenDrained(ctx, promise);
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
