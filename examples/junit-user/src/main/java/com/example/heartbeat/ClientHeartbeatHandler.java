package com.example.heartbeat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.timeout.IdleStateEvent;

/** One connection of the client: answers pings, closes on silence, and asks for a reconnect whenever it closes. */
final class ClientHeartbeatHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private final HeartbeatClient client;

    ClientHeartbeatHandler(HeartbeatClient client) {
        this.client = client;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            client.opened();
        } else if (evt instanceof IdleStateEvent) {
            System.out.println("server silent for interval + timeout: closing");
            ctx.close();
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        if ("ping".equals(Heartbeats.typeOf(frame.text()))) {
            ctx.writeAndFlush(new TextWebSocketFrame(Heartbeats.PONG));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // Every way a connection ends (server close, reset, our own silence check) comes through here.
        client.reconnectLater();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
