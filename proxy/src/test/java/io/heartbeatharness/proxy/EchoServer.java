package io.heartbeatharness.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A loopback upstream for integration tests: echoes what it reads, remembers its sockets and how each ended. */
final class EchoServer implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Socket> arrivals = new LinkedBlockingQueue<>();
    /** How each accepted connection ended, in order: "eof" or the exception message (e.g. "Connection reset"). */
    final BlockingQueue<String> endings = new LinkedBlockingQueue<>();
    final AtomicLong bytesRead = new AtomicLong();
    private volatile boolean echo = true;

    EchoServer() throws IOException {
        listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "echo-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    String hostPort() {
        return "127.0.0.1:" + port();
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port());
    }

    /** Stops echoing (bytes are still read and counted), to observe one direction alone. */
    void silent() {
        echo = false;
    }

    /** The next connection the upstream accepts. */
    Socket nextConnection() throws InterruptedException {
        Socket socket = arrivals.poll(10, TimeUnit.SECONDS);
        if (socket == null) {
            throw new AssertionError("the upstream accepted no connection within 10 s");
        }
        return socket;
    }

    String nextEnding() throws InterruptedException {
        String ending = endings.poll(10, TimeUnit.SECONDS);
        if (ending == null) {
            throw new AssertionError("no upstream connection ended within 10 s");
        }
        return ending;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                accepted.add(socket);
                arrivals.add(socket);
                Thread reader = new Thread(() -> serve(socket), "echo-" + socket.getPort());
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        byte[] buffer = new byte[16384];
        try (InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                bytesRead.addAndGet(n);
                if (echo) {
                    out.write(buffer, 0, n);
                }
            }
            endings.add("eof");
        } catch (SocketException e) {
            endings.add(String.valueOf(e.getMessage()));
        } catch (IOException e) {
            endings.add(String.valueOf(e.getMessage()));
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}
