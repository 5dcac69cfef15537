package io.heartbeatharness.reference.wsjson;

import io.heartbeatharness.reference.Backoff;
import io.heartbeatharness.reference.ClientConfig;
import io.heartbeatharness.reference.EventLog;
import io.heartbeatharness.reference.KnownBad;
import io.heartbeatharness.reference.RunningImplementation;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Seed 000's client: answers every ping with a pong, declares the server dead when no ping came for I + T,
 * and reconnects with exponential backoff and full jitter whenever its connection closes.
 */
public final class WsJsonClient implements RunningImplementation {
    private final ClientConfig config;
    private final EventLog log;
    private final EventLoopGroup group;
    private final Backoff backoff;
    private final List<Slot> slots = new ArrayList<>();
    private volatile boolean closing;

    private WsJsonClient(ClientConfig config, EventLog log) {
        this.config = config;
        this.log = log;
        // One thread per core: a process holding hundreds of connections must not serialise their reconnects.
        this.group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), NioIoHandler.newFactory());
        this.backoff = new Backoff(config.heartbeat().backoffInitial(), config.heartbeat().backoffMax(),
                config.heartbeat().jitter() && !config.has(KnownBad.NO_JITTER),
                () -> ThreadLocalRandom.current().nextDouble());
        for (int i = 0; i < config.connections(); i++) {
            Slot slot = new Slot(i);
            slots.add(slot);
            slot.connect();
        }
    }

    public static WsJsonClient start(ClientConfig config, EventLog log) {
        return new WsJsonClient(config, log);
    }

    @Override
    public int port() {
        return -1;
    }

    @Override
    public void close() {
        closing = true;
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One of the client's connections, with its own reconnect attempt counter. */
    final class Slot {
        final int index;
        int attempt;
        boolean everConnected;

        Slot(int index) {
            this.index = index;
        }

        void connect() {
            if (closing) {
                return;
            }
            URI uri = URI.create("ws://" + config.host() + ":" + config.port() + config.path());
            long connectTimeout = Math.max(1000, config.heartbeat().interval().plus(config.heartbeat().timeout()).toMillis());
            ChannelFuture future = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout))
                    .handler(new WsJsonClientInitializer(uri, config, log, this))
                    .connect(config.host(), config.port());
            future.addListener(f -> {
                if (!f.isSuccess()) {
                    log.emit(EventLog.CONNECT_FAILED, "slot", index, "cause", String.valueOf(f.cause().getMessage()));
                    reconnect();
                }
            });
        }

        void connected() {
            attempt = 0;
            everConnected = true;
        }

        /** Schedules the next attempt: delay drawn by the backoff, then {@link #connect()}. */
        void reconnect() {
            if (closing || group.isShuttingDown()) {
                return;
            }
            Duration delay = backoff.delay(attempt);
            log.emit(EventLog.RECONNECT_SCHEDULED, "slot", index, "attempt", attempt + 1, "delay_ms", delay.toMillis());
            attempt++;
            group.schedule(this::connect, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
