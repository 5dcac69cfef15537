package io.heartbeatharness.reference.wscontrol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.util.List;

/**
 * Netty's client protocol handler, except that Ping frames are passed to the next handler instead of being
 * answered here: the heartbeat handler answers them, so each Ping and Pong reaches the event log and a
 * known-bad client can stay silent.
 */
final class PingPassingClientProtocolHandler extends WebSocketClientProtocolHandler {

    PingPassingClientProtocolHandler(WebSocketClientProtocolConfig config) {
        super(config);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) throws Exception {
        if (frame instanceof PingWebSocketFrame) {
            out.add(frame.retain());
            return;
        }
        super.decode(ctx, frame, out);
    }
}
