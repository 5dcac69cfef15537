package io.heartbeatharness.reference.wsjson;

import io.heartbeatharness.reference.EventLog;
import io.heartbeatharness.reference.RunningImplementation;
import io.heartbeatharness.reference.ServerConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** Seed 000's server: pings every interval, closes with 4000 "heartbeat timeout" when no pong came in time. */
public final class WsJsonServer implements RunningImplementation {
    private final EventLoopGroup group;
    private final Channel listener;

    private WsJsonServer(ServerConfig config, EventLog log) {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            listener = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new WsJsonServerInitializer(config, log))
                    .bind(config.host(), config.port()).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
        log.emit(EventLog.LISTENING, "port", port(), "design", "ws-json");
    }

    public static WsJsonServer start(ServerConfig config, EventLog log) {
        return new WsJsonServer(config, log);
    }

    @Override
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
