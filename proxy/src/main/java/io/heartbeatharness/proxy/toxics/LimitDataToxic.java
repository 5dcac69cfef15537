package io.heartbeatharness.proxy.toxics;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Passes the first {@code bytes} bytes of the stream on and then closes the connection, dropping the rest.
 *
 * <p>The count is kept per connection for as long as the toxic stays (updates keep it), as in Toxiproxy.
 *
 * @param bytes how many bytes to pass before closing; 0 or less closes when the first bytes arrive
 */
public record LimitDataToxic(long bytes) implements Toxic {
    public static final ToxicType TYPE = ToxicType.int64("limit_data", "LimitDataToxic", List.of("bytes"),
            a -> new LimitDataToxic(a[0]));

    @Override
    public ToxicType type() {
        return TYPE;
    }

    @Override
    public Map<String, Long> attributes() {
        Map<String, Long> attributes = new LinkedHashMap<>();
        attributes.put("bytes", bytes);
        return attributes;
    }

    @Override
    public ToxicHandler<LimitDataToxic> newHandler(boolean active) {
        return new Handler(this, active);
    }

    static final class Handler extends ToxicHandler<LimitDataToxic> {
        private long transmitted;
        private boolean closing;

        Handler(LimitDataToxic toxic, boolean active) {
            super(toxic, active);
        }

        @Override
        protected void onData(ChannelHandlerContext ctx, ByteBuf data, ChannelPromise promise) {
            if (closing) {
                data.release();
                promise.trySuccess();
                return;
            }
            long remaining = Math.max(0, toxic().bytes() - transmitted);
            if (remaining < data.readableBytes()) {
                data.writerIndex(data.readerIndex() + (int) remaining);
            }
            int passing = data.readableBytes();
            if (passing > 0) {
                transmitted += passing;
                ctx.write(data, promise);
            } else {
                data.release();
                promise.trySuccess();
            }
            if (toxic().bytes() - transmitted <= 0) {
                closing = true;
                ctx.flush();
                control(ctx).close(ctx, "limit_data toxic");
            }
        }

        @Override
        protected void flushHeld(ChannelHandlerContext ctx) {
            // Nothing is ever held.
        }

        @Override
        protected void discard(ChannelHandlerContext ctx) {
            // Nothing is ever held.
        }
    }
}
