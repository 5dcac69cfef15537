package io.heartbeatharness.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;

/** The pipeline of an API connection: HTTP/1.1 codec, whole requests up to 1 MiB (413 beyond), the API handler. */
final class ApiInitializer extends ChannelInitializer<Channel> {
    /** Far above any Toxiproxy request; a populate of thousands of proxies stays well below it. */
    private static final int MAX_BODY = 1 << 20;

    private final ApiRouter router;

    public ApiInitializer(ProxyServer server) {
        this.router = new ApiRouter(server);
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpServerExpectContinueHandler())
                .addLast(new ApiBodyLimit(MAX_BODY))
                .addLast(new ApiHandler(router));
    }
}
