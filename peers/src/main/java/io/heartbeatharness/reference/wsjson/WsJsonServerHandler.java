package io.heartbeatharness.reference.wsjson;

import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.reference.internal.WebSocketHeartbeatServerHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.util.List;

/**
 * Seed 000's server: a {@code {"type":"ping"}} every I; when no {@code {"type":"pong"}} arrived within T of a ping, the
 * client is declared dead and the connection closed with the configured code — so detection takes at most I + T after
 * the last pong. A client's own ping is answered with a pong; any other text frame is echoed.
 */
public final class WsJsonServerHandler extends WebSocketHeartbeatServerHandler {

    public WsJsonServerHandler(ServerConfig config, EventLog log) {
        super(config, log);
    }

    @Override
    protected Outgoing newPing() {
        return new Outgoing(new TextWebSocketFrame(WsJsonMessages.PING), List.of());
    }

    @Override
    protected List<Object> pong(WebSocketFrame frame) {
        return isType(frame, "pong") ? List.of() : null;
    }

    @Override
    protected Outgoing answer(WebSocketFrame frame) {
        return isType(frame, "ping") ? new Outgoing(new TextWebSocketFrame(WsJsonMessages.PONG), List.of()) : null;
    }

    private static boolean isType(WebSocketFrame frame, String type) {
        return frame instanceof TextWebSocketFrame text && type.equals(WsJsonMessages.typeOf(text.text()));
    }
}
