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
 * Resets the connection (TCP RST, "connection reset by peer") {@code timeout} milliseconds after the first bytes
 * (or the end of the stream) arrive, dropping those bytes and any that follow.
 *
 * <p>Toxiproxy resets the client's socket; the embedded proxy resets both sockets, so whichever side the target
 * is sees the reset.
 *
 * @param timeout milliseconds between the first arrival and the reset; 0 resets at once
 */
public record ResetPeerToxic(long timeout) implements Toxic {
    public static final ToxicType TYPE = ToxicType.int64("reset_peer", "ResetToxic", List.of("timeout"),
            a -> new ResetPeerToxic(a[0]));

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
    public ToxicHandler<ResetPeerToxic> newHandler(boolean active) {
        return new Handler(this, active);
    }

    static final class Handler extends ToxicHandler<ResetPeerToxic> {
        private ScheduledFuture<?> timer;
        private boolean triggered;
        private ChannelPromise heldClose;

        Handler(ResetPeerToxic toxic, boolean active) {
            super(toxic, active);
        }

        @Override
        protected void onData(ChannelHandlerContext ctx, ByteBuf data, ChannelPromise promise) {
            data.release();
            promise.trySuccess();
            trigger(ctx);
        }

        @Override
        protected void onClose(ChannelHandlerContext ctx, ChannelPromise promise) {
            if (heldClose == null) {
                heldClose = promise;
            } else {
                heldClose.addListener(f -> promise.trySuccess());
            }
            trigger(ctx);
        }

        private void trigger(ChannelHandlerContext ctx) {
            if (triggered) {
                return;
            }
            triggered = true;
            long delay = Millis.toNanos(toxic().timeout());
            if (delay == 0) {
                reset(ctx);
            } else {
                timer = ctx.executor().schedule(() -> reset(ctx), delay, TimeUnit.NANOSECONDS);
            }
        }

        private void reset(ChannelHandlerContext ctx) {
            timer = null;
            ChannelPromise close = heldClose;
            heldClose = null;
            control(ctx).reset(ctx, "reset_peer toxic");
            if (close != null) {
                close.trySuccess();
            }
        }

        @Override
        protected void flushHeld(ChannelHandlerContext ctx) {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
            triggered = false;
            if (heldClose != null) {
                ChannelPromise close = heldClose;
                heldClose = null;
                ctx.close(close);
            }
        }

        @Override
        protected void discard(ChannelHandlerContext ctx) {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
            if (heldClose != null) {
                heldClose.trySuccess();
                heldClose = null;
            }
        }
    }
}
