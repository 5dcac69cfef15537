package com.example.heartbeat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * The WebSocket server: pings each connection every interval and closes it when a pong is late.
 * Usage: {@code --port P [--host H] [--path /ws] --interval-ms I --timeout-ms T}.
 */
public final class HeartbeatServer {
    private HeartbeatServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Flags flags = Flags.parse(args);
        String host = flags.text("--host", "0.0.0.0");
        int port = (int) flags.number("--port");
        String path = flags.text("--path", "/ws");
        long intervalMs = flags.number("--interval-ms");
        long timeoutMs = flags.number("--timeout-ms");

        EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        try {
            Channel listener = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                    new WebSocketServerProtocolHandler(path),
                                    new ServerHeartbeatHandler(intervalMs, timeoutMs));
                        }
                    })
                    .bind(host, port).sync().channel();
            System.out.println("listening on " + listener.localAddress() + path);
            listener.closeFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }
}
