package io.heartbeatharness.reference.socketio;

import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.EventLog;
import io.heartbeatharness.reference.KnownBad;
import io.heartbeatharness.reference.ServerConfig;
import io.heartbeatharness.reference.internal.ServerHeartbeat;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.net.InetSocketAddress;

/**
 * Engine.IO 4's server side of one connection: the open packet, a ping packet every pingInterval, the client closed
 * when its pong is not back within pingTimeout (as engine.io's {@code resetPingTimeout} does); a client's own ping
 * (Engine.IO 3's direction) is answered. Socket.IO's namespace connect is acknowledged; messages are echoed.
 */
final class SocketIoServerHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    /** Engine.IO 4: the server pings. */
    private static final HeartbeatModel.Pingers PAIRING = HeartbeatModel.Pingers.SERVER;
    /** RFC 6455 "going away": engine.io closes the transport on a ping timeout with no code of its own. */
    private static final int GOING_AWAY = 1001;

    private final HeartbeatParams heartbeat;
    private final ServerConfig config;
    private final EventLog log;
    private final String sid = EngineIoPackets.newSid();
    private ServerHeartbeat pings;
    private int closeCode = 1006;
    private String closeBy = "abnormal";
    private int remotePort;
    private boolean connected;
    private boolean declaredDead;

    SocketIoServerHandler(ServerConfig config, EventLog log) {
        this.config = config;
        this.heartbeat = config.heartbeat();
        this.log = log;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            remotePort = ctx.channel().remoteAddress() instanceof InetSocketAddress address ? address.getPort() : 0;
            connected = true;
            ctx.writeAndFlush(new TextWebSocketFrame(EngineIoPackets.open(sid, heartbeat.interval(), heartbeat.timeout())));
            log.emit(EventLog.CONNECTED, "remote_port", remotePort, "sid", sid);
            pings = ServerHeartbeat.start(ctx.executor(), config, PAIRING, () -> ping(ctx), () -> missedPong(ctx));
        }
        super.userEventTriggered(ctx, evt);
    }

    private void ping(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(new TextWebSocketFrame(EngineIoPackets.PING));
        log.emit(EventLog.PING_SENT, "remote_port", remotePort);
    }

    private void missedPong(ChannelHandlerContext ctx) {
        if (declaredDead || !ctx.channel().isActive()) {
            return;
        }
        declaredDead = true;
        log.emit(EventLog.PEER_DEAD, "remote_port", remotePort,
                "reason", pings.pings() ? "ping timeout" : "no ping within interval + timeout",
                "timeout_ms", heartbeat.timeout().toMillis());
        if (config.has(KnownBad.NEVER_CLOSE)) {
            return;
        }
        closeCode = heartbeat.closeCode() == null ? GOING_AWAY : heartbeat.closeCode();
        closeBy = "self";
        ctx.writeAndFlush(new CloseWebSocketFrame(closeCode, heartbeat.closeReason())).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            String packet = text.text();
            if (packet.equals(EngineIoPackets.PONG)) {
                if (pings != null) {
                    pings.pongReceived();
                }
                log.emit(EventLog.PONG_RECEIVED, "remote_port", remotePort);
            } else if (packet.equals(EngineIoPackets.PING)) {
                log.emit(EventLog.PING_RECEIVED, "remote_port", remotePort);
                if (pings != null) {
                    pings.pingReceived();
                }
                ctx.writeAndFlush(new TextWebSocketFrame(EngineIoPackets.PONG));
                log.emit(EventLog.PONG_SENT, "remote_port", remotePort);
            } else if (packet.equals(EngineIoPackets.NAMESPACE_CONNECT)) {
                ctx.writeAndFlush(new TextWebSocketFrame(EngineIoPackets.namespaceConnected(sid)));
            } else if (packet.equals(EngineIoPackets.CLOSE)) {
                closeCode = 1000;
                closeBy = "peer";
                ctx.close();
            } else if (packet.startsWith("4")) {
                ctx.writeAndFlush(new TextWebSocketFrame(packet));
            }
        } else if (frame instanceof CloseWebSocketFrame close) {
            closeCode = close.statusCode();
            closeBy = "peer";
            ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), close.reasonText()))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (pings != null) {
            pings.stop();
        }
        if (connected) {
            log.emit(EventLog.CLOSED, "remote_port", remotePort, "code", closeCode, "by", closeBy);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
