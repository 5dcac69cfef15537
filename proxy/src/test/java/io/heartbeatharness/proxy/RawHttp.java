package io.heartbeatharness.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Sends bytes to an HTTP server exactly as given — malformed, truncated, oversized — which no HTTP client library
 * will do, and reads back the one response, if any.
 */
final class RawHttp {
    /** What came back: the status (-1 when the server closed without answering) and the body. */
    record Answer(int status, String body) {
        boolean isListenError() {
            return status == 500 && body.contains("\"error\":\"listen tcp ");
        }
    }

    private final int port;
    private final Duration patience;

    RawHttp(int port, Duration patience) {
        this.port = port;
        this.patience = patience;
    }

    /** Writes {@code wire} on a new connection and reads the response; the connection is closed afterwards. */
    Answer exchange(byte[] wire) throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            try {
                out.write(wire);
                out.flush();
            } catch (IOException refusedMidway) {
                // The server may answer (413, 400) and close before reading everything we send: read what it said.
            }
            return read(socket.getInputStream());
        }
    }

    /** Writes {@code wire} and closes at once without reading: a client that gives up mid-request. */
    void abandon(byte[] wire) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(wire);
            socket.getOutputStream().flush();
        }
    }

    Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) patience.toMillis());
        return socket;
    }

    /** Reads one response: status line, headers, then Content-Length bytes or everything up to end of stream. */
    static Answer read(InputStream in) throws IOException {
        String statusLine;
        try {
            statusLine = line(in);
        } catch (SocketTimeoutException e) {
            throw new IOException("the server neither answered nor closed the connection", e);
        }
        if (statusLine == null) {
            return new Answer(-1, "");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring("content-length:".length()).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (status != 204 && status != 304 && length != 0) {
            byte[] buffer = new byte[8192];
            long left = length < 0 ? Long.MAX_VALUE : length;
            while (left > 0) {
                int n;
                try {
                    n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                } catch (IOException reset) {
                    break; // a reset after the response: what came before is the answer
                }
                if (n < 0) {
                    break;
                }
                body.write(buffer, 0, n);
                left -= n;
            }
        }
        return new Answer(status, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException reset) {
                b = -1;
            }
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
    }
}
