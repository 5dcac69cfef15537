package io.heartbeatharness.reference.line;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.LineEncoder;
import io.netty.handler.codec.string.LineSeparator;
import io.netty.handler.codec.string.StringDecoder;

import java.nio.charset.StandardCharsets;

/**
 * The line wire format: UTF-8 text, one message per {@code \n}-terminated line; the heartbeat is {@code ping}
 * answered by {@code pong}, anything else is application data (echoed by the servers). The idle design speaks it too.
 */
public final class LineProtocol {
    public static final String PING = "ping";
    public static final String PONG = "pong";
    /** Longest line accepted; heartbeats are four bytes, so this only bounds a misbehaving peer's memory. */
    static final int MAX_LINE_BYTES = 4096;

    private LineProtocol() {
    }

    /** Adds the framing and string codecs; handlers added after it read and write {@code String}s without the newline. */
    public static void addCodec(ChannelPipeline pipeline) {
        pipeline.addLast("line-decoder", new LineBasedFrameDecoder(MAX_LINE_BYTES))
                .addLast("string-decoder", new StringDecoder(StandardCharsets.UTF_8))
                .addLast("line-encoder", new LineEncoder(LineSeparator.UNIX, StandardCharsets.UTF_8));
    }
}
