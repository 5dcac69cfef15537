package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.proxy.control.TapLog;
import io.heartbeatharness.time.Mono;
import io.heartbeatharness.timeline.Timeline;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A proxy's loop held up the way a pause of the harness's JVM holds it up, with a FIN waiting in the kernel: once
 * {@link ProxyLoop#caughtUp} returns, the loop has handled it.
 */
class ProxyLoopTests {
    private final ProxyLoop loop = ProxyLoop.own("catch-up-test", new Tap(new Timeline(), new TapLog(16)));

    @AfterEach
    void release() {
        loop.release();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aCloseThatReachedTheSocketWhileTheLoopWasHeldUpIsHandledWhenItHasCaughtUp() throws Exception {
        AtomicLong closedSeen = new AtomicLong();
        Channel server = new ServerBootstrap().group(loop.group()).channel(Transports.serverChannel())
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, false)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                closedSeen.set(Mono.now());
                            }
                        });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        try (Socket client = new Socket()) {
            client.connect((InetSocketAddress) server.localAddress());
            assertThat(loop.caughtUp(Duration.ofSeconds(5))).as("the accept handled").isTrue();
            // Held up as by a pause: the FIN reaches the kernel while the loop cannot run.
            loop.group().next().execute(() -> sleep(300));
            client.close();

            assertThat(loop.caughtUp(Duration.ofSeconds(5))).isTrue();
            assertThat(closedSeen.get()).as("the FIN handled before catching up returned").isPositive();
        } finally {
            server.close().sync();
        }
    }

    @Test
    void aLoopHeldUpLongerThanTheWaitHasNotCaughtUp() {
        loop.group().next().execute(() -> sleep(500));
        long start = Mono.now();

        assertThat(loop.caughtUp(Duration.ofMillis(50))).isFalse();
        assertThat(Duration.ofNanos(Mono.now() - start)).isLessThan(Duration.ofMillis(400));
    }
}
