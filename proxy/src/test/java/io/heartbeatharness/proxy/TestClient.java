package io.heartbeatharness.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A blocking loopback client for integration tests. */
final class TestClient implements AutoCloseable {
    final Socket socket;

    TestClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Reads exactly {@code length} bytes (or fails on timeout or end of stream). */
    String receive(int length) throws IOException {
        return new String(receiveBytes(length), StandardCharsets.UTF_8);
    }

    byte[] receiveBytes(int length) throws IOException {
        byte[] bytes = socket.getInputStream().readNBytes(length);
        if (bytes.length < length) {
            throw new IOException("stream ended after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    /** Whether nothing at all arrives (no byte, no end of stream) within {@code window}. */
    boolean silentFor(Duration window) throws IOException {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout((int) window.toMillis());
        try {
            socket.getInputStream().read();
            return false;
        } catch (SocketTimeoutException expected) {
            return true;
        } finally {
            socket.setSoTimeout(previous);
        }
    }

    /** Waits for the end of the stream, returning "eof" or the exception message (e.g. "Connection reset"). */
    String ending() {
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // drain
            }
            return "eof";
        } catch (IOException e) {
            return String.valueOf(e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
