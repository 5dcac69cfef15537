package com.example.heartbeat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.timeout.IdleStateHandler;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket client: answers the server's pings, treats a server silent for interval + timeout as dead, and
 * reconnects after every loss with {@link Backoff}.
 * Usage: {@code --url ws://H:P/ws --interval-ms I --timeout-ms T --backoff-initial-ms B --backoff-max-ms M}.
 */
public final class HeartbeatClient {
    // One thread: connecting, reconnecting and the attempt count all stay on it, so nothing needs locking.
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final URI url;
    private final long silenceMs;
    private final Backoff backoff;
    private int attempt;

    HeartbeatClient(URI url, long silenceMs, Backoff backoff) {
        this.url = url;
        this.silenceMs = silenceMs;
        this.backoff = backoff;
    }

    public static void main(String[] args) {
        Flags flags = Flags.parse(args);
        long silenceMs = flags.number("--interval-ms") + flags.number("--timeout-ms");
        Backoff backoff = new Backoff(flags.number("--backoff-initial-ms"), flags.number("--backoff-max-ms"));
        // The event loop's thread is not a daemon: it keeps the program running after main returns.
        new HeartbeatClient(URI.create(flags.text("--url")), silenceMs, backoff).connect();
    }

    void connect() {
        new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) silenceMs)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                                // Nothing heard for interval + timeout, handshake included: the server is gone.
                                new IdleStateHandler(silenceMs, 0, 0, TimeUnit.MILLISECONDS),
                                new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(
                                        url, WebSocketVersion.V13, null, false, new DefaultHttpHeaders())),
                                new ClientHeartbeatHandler(HeartbeatClient.this));
                    }
                })
                .connect(url.getHost(), url.getPort())
                .addListener(connected -> {
                    // A connection that opened reconnects from channelInactive; one that never opened, from here.
                    if (!connected.isSuccess()) {
                        reconnectLater();
                    }
                });
    }

    /** The WebSocket is open: the next loss starts the backoff from the beginning. */
    void opened() {
        attempt = 0;
        System.out.println("connected to " + url);
    }

    void reconnectLater() {
        long delayMs = backoff.delayMs(attempt++);
        System.out.println("reconnecting in " + delayMs + " ms");
        group.schedule(this::connect, delayMs, TimeUnit.MILLISECONDS);
    }
}
