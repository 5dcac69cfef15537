package io.heartbeatharness.proxy.toxics;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Passes bytes on unchanged but delays the end of the stream by {@code delay} milliseconds.
 *
 * @param delay milliseconds between the end of the stream arriving and the close being passed on
 */
public record SlowCloseToxic(long delay) implements Toxic {
    public static final ToxicType TYPE = ToxicType.int64("slow_close", "SlowCloseToxic", List.of("delay"),
            a -> new SlowCloseToxic(a[0]));

    @Override
    public ToxicType type() {
        return TYPE;
    }

    @Override
    public Map<String, Long> attributes() {
        Map<String, Long> attributes = new LinkedHashMap<>();
        attributes.put("delay", delay);
        return attributes;
    }

    @Override
    public ToxicHandler<SlowCloseToxic> newHandler(boolean active) {
        return new Handler(this, active);
    }

    static final class Handler extends ToxicHandler<SlowCloseToxic> {
        private ChannelPromise heldClose;
        private ScheduledFuture<?> timer;

        Handler(SlowCloseToxic toxic, boolean active) {
            super(toxic, active);
        }

        @Override
        protected void onData(ChannelHandlerContext ctx, ByteBuf data, ChannelPromise promise) {
            ctx.write(data, promise);
        }

        @Override
        protected void onClose(ChannelHandlerContext ctx, ChannelPromise promise) {
            if (heldClose != null) {
                heldClose.addListener(f -> promise.trySuccess());
                return;
            }
            long delayNanos = Millis.toNanos(toxic().delay());
            if (delayNanos == 0) {
                ctx.close(promise);
                return;
            }
            heldClose = promise;
            timer = ctx.executor().schedule(() -> {
                timer = null;
                passCloseOn(ctx);
            }, delayNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        protected void flushHeld(ChannelHandlerContext ctx) {
            cancelTimer();
            passCloseOn(ctx);
        }

        @Override
        protected void discard(ChannelHandlerContext ctx) {
            cancelTimer();
            if (heldClose != null) {
                heldClose.trySuccess();
                heldClose = null;
            }
        }

        private void passCloseOn(ChannelHandlerContext ctx) {
            if (heldClose != null) {
                ChannelPromise close = heldClose;
                heldClose = null;
                ctx.close(close);
            }
        }

        private void cancelTimer() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }
}
