package io.heartbeatharness.reference.socketio;

import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.reference.internal.WebSocketHeartbeatServerHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.util.List;

/**
 * Engine.IO 4's server side of one connection: the open packet announcing pingInterval and pingTimeout, a ping packet
 * every pingInterval, the client closed when its pong is not back within pingTimeout (as engine.io's
 * {@code resetPingTimeout} does); a client's own ping (Engine.IO 3's direction) is answered. Socket.IO's namespace
 * connect is acknowledged; messages are echoed.
 */
final class SocketIoServerHandler extends WebSocketHeartbeatServerHandler {
    private final String sid = EngineIoPackets.newSid();

    SocketIoServerHandler(ServerConfig config, EventLog log) {
        super(config, log);
    }

    @Override
    protected List<Object> opened(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(new TextWebSocketFrame(EngineIoPackets.open(sid, heartbeat.interval(), heartbeat.timeout())));
        return List.of("sid", sid);
    }

    @Override
    protected Outgoing newPing() {
        return new Outgoing(new TextWebSocketFrame(EngineIoPackets.PING), List.of());
    }

    @Override
    protected List<Object> pong(WebSocketFrame frame) {
        return is(frame, EngineIoPackets.PONG) ? List.of() : null;
    }

    @Override
    protected Outgoing answer(WebSocketFrame frame) {
        return is(frame, EngineIoPackets.PING) ? new Outgoing(new TextWebSocketFrame(EngineIoPackets.PONG), List.of()) : null;
    }

    @Override
    protected void other(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame text)) {
            return;
        }
        String packet = text.text();
        if (packet.equals(EngineIoPackets.NAMESPACE_CONNECT)) {
            ctx.writeAndFlush(new TextWebSocketFrame(EngineIoPackets.namespaceConnected(sid)));
        } else if (packet.equals(EngineIoPackets.CLOSE)) {
            closedByPeer(ctx, 1000);
        } else if (packet.startsWith("4")) {
            ctx.writeAndFlush(new TextWebSocketFrame(packet));
        }
    }

    private static boolean is(WebSocketFrame frame, String packet) {
        return frame instanceof TextWebSocketFrame text && packet.equals(text.text());
    }
}
