package io.heartbeatharness.reference.wscontrol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.util.List;

/**
 * Netty's server protocol handler, except that a client's Ping frames are passed to the heartbeat handler instead of
 * being answered here, so that every Ping and Pong of a client that pings reaches the event log.
 */
final class PingPassingServerProtocolHandler extends WebSocketServerProtocolHandler {

    PingPassingServerProtocolHandler(WebSocketServerProtocolConfig config) {
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
