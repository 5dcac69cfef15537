package io.heartbeatharness.reference.wsjson;

import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.internal.ClientSlot;
import io.heartbeatharness.reference.internal.WebSocketHeartbeatClientHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.util.List;

/** The ws-json client: a ping is a text frame {@code {"type":"ping"}}, answered with {@code {"type":"pong"}}. */
public final class WsJsonClientHandler extends WebSocketHeartbeatClientHandler {

    public WsJsonClientHandler(ClientConfig config, EventLog log, ClientSlot.Attempt attempt) {
        super(config, log, attempt);
    }

    @Override
    protected Ping ping(WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text && "ping".equals(WsJsonMessages.typeOf(text.text()))) {
            return new Ping(List.of(), () -> new TextWebSocketFrame(WsJsonMessages.PONG));
        }
        return null;
    }

    @Override
    protected WebSocketFrame newPing(long seq) {
        return new TextWebSocketFrame(WsJsonMessages.PING);
    }

    @Override
    protected boolean isPong(WebSocketFrame frame) {
        return frame instanceof TextWebSocketFrame text && "pong".equals(WsJsonMessages.typeOf(text.text()));
    }
}
