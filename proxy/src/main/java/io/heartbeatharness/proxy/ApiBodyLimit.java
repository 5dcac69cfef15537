package io.heartbeatharness.proxy;

import io.heartbeatharness.proxy.control.ToxiproxyException;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Collects a request's body up to a limit and refuses a larger one with 413 and a closed connection, so that a
 * client announcing gigabytes is stopped at once instead of being read (and discarded) to the end.
 */
final class ApiBodyLimit extends HttpObjectAggregator {
    private final int maxBody;

    ApiBodyLimit(int maxBody) {
        super(maxBody);
        this.maxBody = maxBody;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        FullHttpResponse response = ApiHandler.render(ApiResponse.error(new ToxiproxyException(413,
                "request body too large: the limit is " + maxBody + " bytes")));
        HttpUtil.setKeepAlive(response, false);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
