package io.heartbeatharness.reference.wscontrol;

import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.reference.internal.WebSocketHeartbeatServerHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.util.Arrays;
import java.util.List;

/**
 * Server-driven control-frame heartbeat: a Ping every I carrying an 8-byte sequence number; when no Pong came within T
 * of a Ping the client is declared dead and the connection closed with the configured code (1001 "going away" when
 * none is configured) — so detection takes at most I + T after the last Pong. A client's own Pings are answered with a
 * Pong echoing their payload. Text frames are echoed.
 */
public final class WsControlServerHandler extends WebSocketHeartbeatServerHandler {
    private long sequence;

    public WsControlServerHandler(ServerConfig config, EventLog log) {
        super(config, log);
    }

    @Override
    protected Outgoing newPing() {
        long seq = ++sequence;
        return new Outgoing(new PingWebSocketFrame(Unpooled.copyLong(seq)), List.of("seq", seq));
    }

    /** RFC 6455 §5.5.3 allows unsolicited Pongs as a one-way heartbeat: any Pong is a sign of life. */
    @Override
    protected List<Object> pong(WebSocketFrame frame) {
        return frame instanceof PongWebSocketFrame pong ? Arrays.asList("seq", sequenceOf(pong.content())) : null;
    }

    @Override
    protected Outgoing answer(WebSocketFrame frame) {
        if (!(frame instanceof PingWebSocketFrame ping)) {
            return null;
        }
        return new Outgoing(new PongWebSocketFrame(ping.content().retainedDuplicate()),
                Arrays.asList("seq", sequenceOf(ping.content())));
    }

    private static Long sequenceOf(ByteBuf payload) {
        return payload.readableBytes() == Long.BYTES ? payload.getLong(payload.readerIndex()) : null;
    }
}
