package io.heartbeatharness.proxy.toxics;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One toxic handler on an {@link EmbeddedChannel} with frozen time: what the test writes is what the proxy
 * relays to the socket; what comes out of the channel is what the socket would send.
 */
final class ToxicChannel {
    final EmbeddedChannel channel = new EmbeddedChannel();
    final ToxicHandler<?> handler;
    final List<String> controlCalls = new ArrayList<>();

    ToxicChannel(Toxic toxic) {
        this(toxic.newHandler(true));
    }

    ToxicChannel(ToxicHandler<?> handler) {
        this.handler = handler;
        channel.freezeTime();
        channel.attr(ToxicControl.KEY).set(new ToxicControl() {
            @Override
            public void close(ChannelHandlerContext ctx, String cause) {
                controlCalls.add("close " + cause);
                ctx.close();
            }

            @Override
            public void reset(ChannelHandlerContext ctx, String cause) {
                controlCalls.add("reset " + cause);
                ctx.close(); // the proxy's reset bypasses the toxics, as this does

            }

            @Override
            public void closeConnection(ChannelHandlerContext ctx, String cause) {
                controlCalls.add("closeConnection " + cause);
                ctx.close();
            }
        });
        channel.pipeline().addLast(handler);
    }

    static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    ChannelFuture write(String text) {
        ChannelFuture future = channel.writeAndFlush(bytes(text));
        channel.runPendingTasks();
        return future;
    }

    ChannelFuture write(ByteBuf data) {
        ChannelFuture future = channel.writeAndFlush(data);
        channel.runPendingTasks();
        return future;
    }

    /** The end of the stream reaching the handler (EmbeddedChannel.close() would cancel its timers). */
    ChannelFuture close() {
        ChannelFuture future = channel.pipeline().close();
        channel.runPendingTasks();
        return future;
    }

    void advance(Duration by) {
        channel.advanceTimeBy(by.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    void remove() {
        channel.pipeline().remove(handler);
        channel.runPendingTasks();
    }

    /** Everything the socket has been given so far, as text; each chunk is released. */
    String sent() {
        StringBuilder text = new StringBuilder();
        for (String chunk : chunks()) {
            text.append(chunk);
        }
        return text.toString();
    }

    /** The chunks the socket has been given so far, one write each. */
    List<String> chunks() {
        List<String> chunks = new ArrayList<>();
        Object message;
        while ((message = channel.readOutbound()) != null) {
            ByteBuf data = (ByteBuf) message;
            if (data.isReadable()) {
                chunks.add(data.toString(StandardCharsets.US_ASCII));
            }
            data.release();
        }
        return chunks;
    }

    boolean open() {
        return channel.isOpen();
    }

    /** Tears the socket down under the handler, as a peer's reset does. */
    void killSocket() {
        channel.unsafe().close(channel.voidPromise());
        channel.runPendingTasks();
    }
}
