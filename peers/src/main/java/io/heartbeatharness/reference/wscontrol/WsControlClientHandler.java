package io.heartbeatharness.reference.wscontrol;

import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.internal.ClientSlot;
import io.heartbeatharness.reference.internal.WebSocketHeartbeatClientHandler;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.util.Arrays;

/**
 * The ws-control client: a ping is an RFC 6455 Ping control frame, answered with a Pong echoing its payload (the
 * server's sequence number, logged as {@code seq} when it is one).
 */
public final class WsControlClientHandler extends WebSocketHeartbeatClientHandler {

    public WsControlClientHandler(ClientConfig config, EventLog log, ClientSlot.Attempt attempt) {
        super(config, log, attempt);
    }

    @Override
    protected Ping ping(WebSocketFrame frame) {
        if (!(frame instanceof PingWebSocketFrame ping)) {
            return null;
        }
        Long seq = ping.content().readableBytes() == Long.BYTES ? ping.content().getLong(ping.content().readerIndex()) : null;
        return new Ping(Arrays.asList("seq", seq), () -> new PongWebSocketFrame(ping.content().retainedDuplicate()));
    }

    @Override
    protected WebSocketFrame newPing(long seq) {
        return new PingWebSocketFrame(Unpooled.copyLong(seq));
    }

    @Override
    protected boolean isPong(WebSocketFrame frame) {
        return frame instanceof PongWebSocketFrame;
    }
}
