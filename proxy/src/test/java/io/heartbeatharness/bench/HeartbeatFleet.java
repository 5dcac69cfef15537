package io.heartbeatharness.bench;

import io.heartbeatharness.proxy.internal.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Many client connections through the proxy, each sending a small heartbeat every second at its own phase. */
final class HeartbeatFleet implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final byte[] BEAT = "{\"type\":\"ping\"}\n".getBytes(StandardCharsets.US_ASCII);
    /** Open connections in batches so the proxy's accept backlog never overflows. */
    private static final int BATCH = 250;

    private final EventLoopGroup group;
    private final List<Channel> channels = new ArrayList<>();
    private final AtomicLong echoedBytes = new AtomicLong();

    private HeartbeatFleet(EventLoopGroup group) {
        this.group = group;
    }

    static HeartbeatFleet start(int port, int connections) {
        HeartbeatFleet fleet = new HeartbeatFleet(Transports.newGroup(1, "bench-fleet"));
        Bootstrap bootstrap = new Bootstrap().group(fleet.group).channel(Transports.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(fleet.new Beats());
                    }
                });
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
        for (int opened = 0; opened < connections; opened += BATCH) {
            List<ChannelFuture> batch = new ArrayList<>();
            for (int i = opened; i < Math.min(connections, opened + BATCH); i++) {
                batch.add(bootstrap.connect(target));
            }
            for (ChannelFuture future : batch) {
                fleet.channels.add(future.syncUninterruptibly().channel());
            }
        }
        return fleet;
    }

    long open() {
        return channels.stream().filter(Channel::isActive).count();
    }

    /** Heartbeats echoed back through the proxy so far. */
    long echoed() {
        return echoedBytes.get() / BEAT.length;
    }

    @Override
    public void close() {
        for (Channel channel : channels) {
            channel.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Beats extends ChannelInboundHandlerAdapter {
        private ScheduledFuture<?> beats;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            long phase = ThreadLocalRandom.current().nextLong(INTERVAL.toNanos());
            beats = ctx.executor().scheduleAtFixedRate(() -> {
                ByteBuf beat = Unpooled.wrappedBuffer(BEAT);
                ctx.writeAndFlush(beat);
            }, phase, INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            echoedBytes.addAndGet(((ByteBuf) msg).readableBytes());
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (beats != null) {
                beats.cancel(false);
            }
        }
    }
}
