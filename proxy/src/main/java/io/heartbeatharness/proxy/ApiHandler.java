package io.heartbeatharness.proxy;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.util.Date;

/** Turns a Netty HTTP request into an {@link ApiRouter} call and its answer into a response with Toxiproxy's headers. */
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String REQUEST_ID = "X-Toxiproxy-Request-Id";

    private final ApiRouter router;

    ApiHandler(ApiRouter router) {
        this.router = router;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        FullHttpResponse response;
        // Go's net/http refuses any other major version; Netty would read "HTTP/9.9" as if it were 1.1.
        if (!request.decoderResult().isSuccess() || request.protocolVersion().majorVersion() != 1) {
            response = render(ApiResponse.plain(400, "400 Bad Request"));
            keepAlive = false;
        } else {
            ApiResponse answer = router.handle(request.method().name(), request.uri(),
                    request.headers().get(HttpHeaderNames.USER_AGENT), ByteBufUtil.getBytes(request.content()));
            response = render(answer);
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    static FullHttpResponse render(ApiResponse answer) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        // Header names as Go's net/http writes them (canonical case); clients must not care, but some do.
        if (answer.contentType() != null) {
            response.headers().set("Content-Type", answer.contentType());
        }
        response.headers().set(REQUEST_ID, RequestIds.next());
        if (answer.nosniff()) {
            response.headers().set("X-Content-Type-Options", "nosniff");
        }
        response.headers().set("Date", DateFormatter.format(new Date()));
        if (answer.status() != 204) {
            response.headers().set("Content-Length", answer.body().length);
        }
        return response;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
