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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@code tshark} capture on the loopback interface, limited by a capture filter to the ports of one run, read
 * back once stopped: each packet's kernel timestamp (wall clock) and its ports and TCP flags.
 */
final class WireCapture implements AutoCloseable {
    /**
     * One captured packet.
     *
     * @param wallNanos the kernel's capture timestamp, ns since the epoch (microsecond resolution)
     */
    record Packet(long wallNanos, int srcPort, int dstPort, boolean fin, boolean rst, boolean udp) {
    }

    private final Process process;
    private final Path file;
    private final StringBuilder output = new StringBuilder();

    private WireCapture(Process process, Path file) {
        this.process = process;
        this.file = file;
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

    /** Starts capturing on {@code lo} with {@code filter}; returns once tshark says it is capturing. */
    static WireCapture start(Path tshark, String filter) throws IOException, InterruptedException {
        Path file = Files.createTempFile("heartbeat-precision", ".pcapng");
        Process process = new ProcessBuilder(tshark.toString(), "-i", "lo", "-n", "-q", "-f", filter, "-w", file.toString())
                .redirectErrorStream(true).start();
        WireCapture capture = new WireCapture(process, file);
        CountDownLatch capturing = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (capture.output) {
                        capture.output.append(line).append('\n');
                    }
                    if (line.startsWith("Capturing on")) {
                        capturing.countDown();
                    }
                }
            } catch (IOException ignored) {
                // tshark has exited.
            }
        }, "tshark-output");
        reader.setDaemon(true);
        reader.start();
        if (!capturing.await(30, TimeUnit.SECONDS) || !process.isAlive()) {
            String said = capture.output();
            capture.close();
            throw new IOException("tshark did not start capturing on lo (as root, or with dumpcap's capabilities): " + said.trim());
        }
        return capture;
    }

    String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    /** Stops the capture (tshark finishes its file on SIGTERM) and reads every packet back. */
    List<Packet> stopAndRead(Path tshark) throws IOException, InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
        Process read = new ProcessBuilder(tshark.toString(), "-r", file.toString(), "-n", "-T", "fields",
                "-E", "separator=,", "-e", "frame.time_epoch", "-e", "tcp.srcport", "-e", "tcp.dstport",
                "-e", "tcp.flags.fin", "-e", "tcp.flags.reset", "-e", "udp.srcport", "-e", "udp.dstport")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Packet> packets = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(read.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",", -1);
                long wall = new BigDecimal(f[0]).movePointRight(9).longValueExact();
                boolean udp = !f[5].isEmpty();
                packets.add(new Packet(wall, port(udp ? f[5] : f[1]), port(udp ? f[6] : f[2]), flag(f[3]), flag(f[4]), udp));
            }
        }
        read.waitFor(30, TimeUnit.SECONDS);
        return packets;
    }

    private static int port(String field) {
        return field.isEmpty() ? -1 : Integer.parseInt(field);
    }

    /** tshark prints flags as 1/0 or True/False depending on its version. */
    private static boolean flag(String field) {
        return field.equals("1") || field.equalsIgnoreCase("true");
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(file);
    }
}
