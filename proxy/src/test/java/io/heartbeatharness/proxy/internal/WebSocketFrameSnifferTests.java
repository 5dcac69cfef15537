package io.heartbeatharness.proxy.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Control frames read from a byte stream cut anywhere, without consuming it. */
class WebSocketFrameSnifferTests {
    private static final byte[] MASK = {0x11, 0x22, 0x33, 0x44};
    private final List<String> seen = new ArrayList<>();

    private static byte[] frame(int opcode, byte[] payload, boolean masked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            out.write(maskBit | payload.length);
        } else {
            out.write(maskBit | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xFF);
        }
        if (masked) {
            out.writeBytes(MASK);
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(masked ? payload[i] ^ MASK[i % 4] : payload[i]);
        }
        return out.toByteArray();
    }

    private static byte[] close(int code, boolean masked) {
        return frame(0x8, new byte[] {(byte) (code >> 8), (byte) code, 'b', 'y', 'e'}, masked);
    }

    private void feedInChunksOf(WebSocketFrameSniffer sniffer, byte[] stream, int chunk) {
        for (int i = 0; i < stream.length; i += chunk) {
            ByteBuf data = Unpooled.wrappedBuffer(stream, i, Math.min(chunk, stream.length - i));
            int before = data.readerIndex();
            sniffer.read(data, (frame, code) -> seen.add(code < 0 ? frame : frame + " " + code));
            assertThat(data.readerIndex()).as("nothing consumed").isEqualTo(before);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void maskedClientFramesAfterTheUpgradeRequestAreReadWhereverTheChunksEnd() {
        byte[] stream = concat("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                frame(0x1, new byte[300], true), frame(0x9, new byte[8], true), frame(0xA, new byte[0], true),
                close(4000, true));
        for (int chunk : new int[] {1, 3, 7, 64, stream.length}) {
            seen.clear();
            feedInChunksOf(new WebSocketFrameSniffer(true), stream, chunk);
            assertThat(seen).as("chunks of %d", chunk).containsExactly("ping", "pong", "close 4000");
        }
    }

    @Test
    void serverFramesFollowThe101Response() {
        byte[] stream = concat("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                frame(0x9, "12345678".getBytes(StandardCharsets.US_ASCII), false), close(1001, false),
                frame(0x8, new byte[0], false));
        feedInChunksOf(new WebSocketFrameSniffer(false), stream, 5);
        assertThat(seen).containsExactly("ping", "close 1001", "close");
    }

    @Test
    void aStreamThatIsNoWebSocketTurnsTheSnifferOff() {
        WebSocketFrameSniffer sniffer = new WebSocketFrameSniffer(true);
        feedInChunksOf(sniffer, "ping\n".getBytes(StandardCharsets.US_ASCII), 2);
        assertThat(sniffer.off()).isTrue();
        WebSocketFrameSniffer notUpgraded = new WebSocketFrameSniffer(false);
        feedInChunksOf(notUpgraded, "HTTP/1.1 404 Not Found\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 4);
        assertThat(notUpgraded.off()).isTrue();
        assertThat(seen).isEmpty();
    }
}
