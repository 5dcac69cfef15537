package io.heartbeatharness.proxy.internal;

import io.netty.buffer.ByteBuf;

/**
 * Reads one direction of a proxied connection as a WebSocket stream, without consuming it, and reports each control
 * frame (Ping, Pong, Close with its code) as it completes: so the tap sees a Close a target sent even when a fault
 * swallows it, or when the target then waits seconds for the answer before closing its socket (a close handshake).
 *
 * <pre>
 *   HTTP request or 101 response up to CR LF CR LF  →  frames: 2-byte header, 0/2/8-byte length, 0/4-byte mask, payload
 * </pre>
 *
 * A stream that does not start like an HTTP upgrade ({@code GET } upstream, {@code HTTP/1.1 101} downstream) is not a
 * WebSocket: the sniffer turns itself off and costs nothing more. Not thread-safe: one per direction, on its loop.
 */
final class WebSocketFrameSniffer {
    /** What a completed control frame was; {@code code} is the Close status, or -1 when none was given. */
    interface Listener {
        void controlFrame(String frame, int code);
    }

    private enum State { PREAMBLE, HEADER, PAYLOAD, OFF }

    private static final int CONTROL_PAYLOAD_MAX = 125;

    private final byte[] prefix;
    private State state = State.PREAMBLE;
    private int prefixSeen;
    /** Consecutive CR LF CR LF bytes seen at the end of the preamble so far. */
    private int endOfHeaders;

    private final byte[] header = new byte[14];
    private int headerSeen;
    private int headerNeeded = 2;

    private long payloadLeft;
    private int opcode;
    private boolean masked;
    private final byte[] maskKey = new byte[4];
    private final byte[] control = new byte[CONTROL_PAYLOAD_MAX];
    private int controlSeen;

    /** @param upstream whether this is the client-to-server direction (an HTTP request) or the other (a response) */
    WebSocketFrameSniffer(boolean upstream) {
        this.prefix = (upstream ? "GET " : "HTTP/1.1 101").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    boolean off() {
        return state == State.OFF;
    }

    /** Reads {@code data}'s readable bytes, leaving its indexes as they were. */
    void read(ByteBuf data, Listener listener) {
        int end = data.writerIndex();
        for (int i = data.readerIndex(); i < end && state != State.OFF; ) {
            switch (state) {
                case PREAMBLE -> i = preamble(data, i, end);
                case HEADER -> i = header(data, i, end, listener);
                case PAYLOAD -> i = payload(data, i, end, listener);
                default -> i = end;
            }
        }
    }

    private int preamble(ByteBuf data, int i, int end) {
        for (; i < end; i++) {
            byte b = data.getByte(i);
            if (prefixSeen < prefix.length) {
                if (b != prefix[prefixSeen++]) {
                    state = State.OFF;
                    return end;
                }
                continue;
            }
            boolean expected = (endOfHeaders % 2 == 0) ? b == '\r' : b == '\n';
            endOfHeaders = expected ? endOfHeaders + 1 : (b == '\r' ? 1 : 0);
            if (endOfHeaders == 4) {
                state = State.HEADER;
                return i + 1;
            }
        }
        return end;
    }

    private int header(ByteBuf data, int i, int end, Listener listener) {
        while (i < end && headerSeen < headerNeeded) {
            header[headerSeen++] = data.getByte(i++);
            if (headerSeen == 2) {
                int length = header[1] & 0x7F;
                masked = (header[1] & 0x80) != 0;
                headerNeeded = 2 + (length == 126 ? 2 : length == 127 ? 8 : 0) + (masked ? 4 : 0);
            }
        }
        if (headerSeen < headerNeeded) {
            return i;
        }
        opcode = header[0] & 0x0F;
        int length = header[1] & 0x7F;
        int at = 2;
        if (length == 126) {
            payloadLeft = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
            at = 4;
        } else if (length == 127) {
            payloadLeft = 0;
            for (int k = 2; k < 10; k++) {
                payloadLeft = (payloadLeft << 8) | (header[k] & 0xFF);
            }
            at = 10;
        } else {
            payloadLeft = length;
        }
        if (masked) {
            System.arraycopy(header, at, maskKey, 0, 4);
        }
        controlSeen = 0;
        headerSeen = 0;
        headerNeeded = 2;
        state = State.PAYLOAD;
        if (payloadLeft == 0) {
            complete(listener);
        }
        return i;
    }

    private int payload(ByteBuf data, int i, int end, Listener listener) {
        int take = (int) Math.min(payloadLeft, end - i);
        if (isControl() && payloadLeft <= CONTROL_PAYLOAD_MAX) {
            for (int k = 0; k < take && controlSeen < CONTROL_PAYLOAD_MAX; k++) {
                byte b = data.getByte(i + k);
                control[controlSeen] = masked ? (byte) (b ^ maskKey[controlSeen % 4]) : b;
                controlSeen++;
            }
        }
        payloadLeft -= take;
        if (payloadLeft == 0) {
            complete(listener);
        }
        return i + take;
    }

    private boolean isControl() {
        return opcode >= 0x8;
    }

    private void complete(Listener listener) {
        state = State.HEADER;
        switch (opcode) {
            case 0x8 -> listener.controlFrame("close", controlSeen >= 2 ? ((control[0] & 0xFF) << 8) | (control[1] & 0xFF) : -1);
            case 0x9 -> listener.controlFrame("ping", -1);
            case 0xA -> listener.controlFrame("pong", -1);
            default -> {
                // Data frames are counted as bytes already.
            }
        }
    }
}
