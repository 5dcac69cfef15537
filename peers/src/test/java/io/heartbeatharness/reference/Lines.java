package io.heartbeatharness.reference;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes raw lines on an {@link EmbeddedChannel} whose pipeline includes the line codec. */
public final class Lines {
    private Lines() {
    }

    public static void receive(EmbeddedChannel channel, String line) {
        channel.writeInbound(Unpooled.copiedBuffer(line + "\n", StandardCharsets.UTF_8));
    }

    /** Every line written so far and not yet read, in order. */
    public static List<String> sent(EmbeddedChannel channel) {
        List<String> lines = new ArrayList<>();
        ByteBuf out;
        StringBuilder text = new StringBuilder();
        while ((out = channel.readOutbound()) != null) {
            text.append(out.toString(StandardCharsets.UTF_8));
            out.release();
        }
        for (String line : text.toString().split("\n", -1)) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
