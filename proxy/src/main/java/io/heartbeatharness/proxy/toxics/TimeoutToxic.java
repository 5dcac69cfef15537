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
 * Drops every byte and closes the connection once {@code timeout} milliseconds pass without bytes arriving;
 * 0 drops forever and never closes, and removing the toxic closes the connection.
 *
 * <p>As in Toxiproxy: the timer restarts with every chunk that arrives (and is dropped), and the end of the
 * stream is swallowed as well — after it the toxic waits to be removed, which closes the connection.
 *
 * @param timeout milliseconds of silence before the close; 0 or less means never
 */
public record TimeoutToxic(long timeout) implements Toxic {
    public static final ToxicType TYPE = ToxicType.int64("timeout", "TimeoutToxic", List.of("timeout"),
            a -> new TimeoutToxic(a[0]));

    @Override
    public ToxicType type() {
        return TYPE;
    }

    @Override
    public Map<String, Long> attributes() {
        Map<String, Long> attributes = new LinkedHashMap<>();
        attributes.put("timeout", timeout);
        return attributes;
    }

    @Override
    public ToxicHandler<TimeoutToxic> newHandler(boolean active) {
        return new Handler(this, active);
    }

    static final class Handler extends ToxicHandler<TimeoutToxic> {
        private ScheduledFuture<?> timer;
        private ChannelPromise swallowedClose;

        Handler(TimeoutToxic toxic, boolean active) {
            super(toxic, active);
        }

        @Override
        protected void onStart(ChannelHandlerContext ctx) {
            arm(ctx);
        }

        @Override
        protected void onData(ChannelHandlerContext ctx, ByteBuf data, ChannelPromise promise) {
            data.release();
            promise.trySuccess();
            if (swallowedClose == null) {
                arm(ctx);
            }
        }

        @Override
        protected void onClose(ChannelHandlerContext ctx, ChannelPromise promise) {
            cancelTimer();
            if (swallowedClose == null) {
                swallowedClose = promise;
            } else {
                swallowedClose.addListener(f -> promise.trySuccess());
            }
        }

        @Override
        protected void onUpdate(ChannelHandlerContext ctx, TimeoutToxic previous) {
            if (swallowedClose == null) {
                arm(ctx);
            }
        }

        @Override
        protected void onRemoved(ChannelHandlerContext ctx) {
            cancelTimer();
            ChannelPromise close = swallowedClose;
            swallowedClose = null;
            control(ctx).closeConnection(ctx, "timeout toxic removed");
            if (close != null) {
                close.trySuccess();
            }
        }

        @Override
        protected void flushHeld(ChannelHandlerContext ctx) {
            cancelTimer();
            if (swallowedClose != null) {
                ChannelPromise close = swallowedClose;
                swallowedClose = null;
                ctx.close(close);
            }
        }

        @Override
        protected void discard(ChannelHandlerContext ctx) {
            cancelTimer();
            if (swallowedClose != null) {
                swallowedClose.trySuccess();
                swallowedClose = null;
            }
        }

        private void arm(ChannelHandlerContext ctx) {
            cancelTimer();
            long timeoutNanos = Millis.toNanos(toxic().timeout());
            if (timeoutNanos > 0) {
                timer = ctx.executor().schedule(() -> {
                    timer = null;
                    control(ctx).close(ctx, "timeout toxic");
                }, timeoutNanos, TimeUnit.NANOSECONDS);
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
