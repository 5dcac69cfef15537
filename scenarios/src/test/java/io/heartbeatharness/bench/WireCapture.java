package io.heartbeatharness.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A live {@code tshark} capture on the loopback interface, limited by a capture filter to the ports of one run:
 * each packet's kernel timestamp (wall clock), ports, TCP flags and UDP payload, as tshark dissects it.
 * Read live rather than from a file, so the caller can see a marker packet arrive: a capture stopped by a signal
 * loses the packets still in its buffer.
 */
final class WireCapture implements AutoCloseable {
    /**
     * One captured packet.
     *
     * @param wallNanos  the kernel's capture timestamp, ns since the epoch (microsecond resolution)
     * @param payloadHex a UDP datagram's payload in hex, else empty
     */
    record Packet(long wallNanos, int srcPort, int dstPort, boolean fin, boolean rst, boolean udp, String payloadHex) {
    }

    private final Process process;
    private final List<Packet> packets = new ArrayList<>();
    private final StringBuilder otherOutput = new StringBuilder();

    private WireCapture(Process process) {
        this.process = process;
    }

    /** The tshark binary on PATH, or empty. */
    static Optional<Path> tshark() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "tshark");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts capturing on {@code lo} with the capture filter {@code filter}. */
    static WireCapture start(Path tshark, String filter) throws IOException {
        Process process = new ProcessBuilder(tshark.toString(), "-i", "lo", "-n", "-l", "-f", filter,
                "-T", "fields", "-E", "separator=,", "-e", "frame.time_epoch", "-e", "tcp.srcport", "-e", "tcp.dstport",
                "-e", "tcp.flags.fin", "-e", "tcp.flags.reset", "-e", "udp.srcport", "-e", "udp.dstport", "-e", "data.data")
                .redirectErrorStream(true).start();
        WireCapture capture = new WireCapture(process);
        Thread reader = new Thread(capture::read, "tshark-output");
        reader.setDaemon(true);
        reader.start();
        return capture;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                Optional<Packet> packet = parse(line);
                String text = line;
                synchronized (this) {
                    packet.ifPresentOrElse(packets::add, () -> otherOutput.append(text).append('\n'));
                    notifyAll();
                }
            }
        } catch (IOException ignored) {
            // tshark has exited.
        }
    }

    private static Optional<Packet> parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length < 8 || f[0].isEmpty() || !Character.isDigit(f[0].charAt(0))) {
            return Optional.empty();
        }
        long wall = new BigDecimal(f[0]).movePointRight(9).longValue();
        boolean udp = !f[5].isEmpty();
        return Optional.of(new Packet(wall, port(udp ? f[5] : f[1]), port(udp ? f[6] : f[2]), flag(f[3]), flag(f[4]),
                udp, f[7].replace(":", "")));
    }

    /**
     * Calls {@code send} every 50 ms until a packet matching {@code seen} was captured, for at most {@code seconds}:
     * to know the capture has started, and that it has caught up with everything sent before.
     */
    void sendUntilSeen(ThrowingRunnable send, Predicate<Packet> seen, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            send.run();
            synchronized (this) {
                wait(50);
                if (packets.stream().anyMatch(seen)) {
                    return;
                }
                if (!process.isAlive()) {
                    break;
                }
            }
        }
        throw new IOException("tshark captured nothing on lo within " + seconds + " s (capturing needs root or "
                + "dumpcap's capabilities): " + otherOutput.toString().trim());
    }

    synchronized List<Packet> packets() {
        return List.copyOf(packets);
    }

    @Override
    public void close() {
        process.destroy();
    }

    /** A send that may throw. */
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static int port(String field) {
        return field.isEmpty() ? -1 : Integer.parseInt(field);
    }

    /** tshark prints flags as 1/0 or True/False depending on its version. */
    private static boolean flag(String field) {
        return field.equals("1") || field.equalsIgnoreCase("true");
    }
}
