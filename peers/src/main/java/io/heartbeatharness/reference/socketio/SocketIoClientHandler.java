package io.heartbeatharness.reference.socketio;

import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.internal.ClientSlot;
import io.heartbeatharness.reference.internal.WebSocketHeartbeatClientHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.util.List;

/** Engine.IO 4's client side: a ping is the text packet {@code 2}, answered with {@code 3}; it joins the main namespace. */
final class SocketIoClientHandler extends WebSocketHeartbeatClientHandler {

    SocketIoClientHandler(ClientConfig config, EventLog log, ClientSlot.Attempt attempt) {
        super(config, log, attempt);
    }

    @Override
    protected void opened(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(new TextWebSocketFrame(EngineIoPackets.NAMESPACE_CONNECT));
    }

    @Override
    protected Ping ping(WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text && EngineIoPackets.PING.equals(text.text())) {
            return new Ping(List.of(), () -> new TextWebSocketFrame(EngineIoPackets.PONG));
        }
        return null;
    }

    @Override
    protected WebSocketFrame newPing(long seq) {
        return new TextWebSocketFrame(EngineIoPackets.PING);
    }

    @Override
    protected boolean isPong(WebSocketFrame frame) {
        return frame instanceof TextWebSocketFrame text && EngineIoPackets.PONG.equals(text.text());
    }
}
