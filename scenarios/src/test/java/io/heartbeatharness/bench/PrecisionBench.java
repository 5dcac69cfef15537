package io.heartbeatharness.bench;

import io.heartbeatharness.proxy.EmbeddedProxy;
import io.heartbeatharness.timeline.TapEvents;
import io.heartbeatharness.proxy.control.TapLog;
import io.heartbeatharness.time.Mono;
import io.heartbeatharness.timeline.TimelineEvent;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How exactly the harness times a close: the instant the proxy tap records a server's FIN or RST (what every
 * detection verdict is measured to) against the instant that FIN or RST crossed the loopback wire, captured by
 * {@code tshark}. Target: p99 of the difference at most 1 ms.
 *
 * <p>Clocks: the tap stamps CLOCK_MONOTONIC, the kernel stamps captured packets with CLOCK_REALTIME. Both are read
 * in this process ({@link ClockOffset}, before and after, so a clock step or slew during the run shows as drift),
 * which maps every tap instant onto the wire's clock. Two checks that need no offset at all back it up: UDP
 * calibration datagrams, each stamped on the monotonic clock right before it is sent, must appear on the wire a few
 * microseconds later; and the intervals between consecutive closes must agree on both clocks.
 *
 * <p>Run with {@code mvn -B -pl scenarios -am -Pbench -DskipTests verify -Dbench.proxy.skip=true -Dbench.run=precision};
 * needs tshark (Debian: {@code apt-get install -y tshark}) and the right to capture on {@code lo} (root).
 */
final class PrecisionBench {
    static final double TARGET_P99_MS = 1.0;
    /** Closes measured: half FIN, half RST; enough for a p99 that rests on several samples. */
    static final int CLOSES = Integer.getInteger("bench.precision.closes", 600);
    private static final int CALIBRATIONS = 50;
    /** Payloads of the datagrams that show the capture has started and has caught up (calibrations use 0–49). */
    private static final int MARKER_START = 0xf0;
    private static final int MARKER_END = 0xfe;

    private PrecisionBench() {
    }

    static Map<String, Object> run() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        Optional<Path> tshark = WireCapture.tshark();
        if (tshark.isEmpty()) {
            String reason = "tshark is not installed (Debian: apt-get install -y tshark): timing precision NOT measured";
            System.out.println("precision: " + reason);
            figures.put("skipped", reason);
            return figures;
        }
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket server = new ServerSocket(0, 50, loopback);
             DatagramSocket calibrationSink = new DatagramSocket(0, loopback);
             DatagramSocket calibrationSource = new DatagramSocket(0, loopback);
             EmbeddedProxy proxy = EmbeddedProxy.start("precision", "127.0.0.1:0",
                     "127.0.0.1:" + server.getLocalPort(), EmbeddedProxy.Options.DEFAULT)) {
            String filter = "tcp port " + server.getLocalPort() + " or udp port " + calibrationSink.getLocalPort();
            String load = Machine.loadAverage();
            List<long[]> closes = new ArrayList<>();
            List<Long> calibrationSends = new ArrayList<>();
            ClockOffset before;
            ClockOffset after;
            List<WireCapture.Packet> packets;
            try (WireCapture capture = WireCapture.start(tshark.get(), filter)) {
                capture.sendUntilSeen(() -> marker(calibrationSource, calibrationSink, MARKER_START),
                        p -> isMarker(p, calibrationSink, MARKER_START), 30);
                before = ClockOffset.measure();
                for (int i = 0; i < CALIBRATIONS; i++) {
                    calibrationSends.add(Mono.now());
                    marker(calibrationSource, calibrationSink, i);
                    Thread.sleep(2);
                }
                long[] cursor = {0};
                for (int i = 0; i < CLOSES; i++) {
                    closes.add(closeOne(server, proxy, cursor, i % 2 == 1));
                }
                after = ClockOffset.measure();
                capture.sendUntilSeen(() -> marker(calibrationSource, calibrationSink, MARKER_END),
                        p -> isMarker(p, calibrationSink, MARKER_END), 30);
                packets = capture.packets();
            }
            long offset = (before.nanos() + after.nanos()) / 2;
            figures.put("closes", CLOSES);
            figures.put("load_average_before", load);
            figures.put("load_average_after", Machine.loadAverage());
            figures.put("clock_offset_bracket_ns", Math.max(before.bracketNs(), after.bracketNs()));
            figures.put("clock_offset_drift_us", (after.nanos() - before.nanos()) / 1e3);
            figures.put("calibration_send_to_wire_us", stats(calibration(packets, calibrationSends, offset,
                    calibrationSink.getLocalPort())));
            long[] differences = new long[closes.size()];
            long[] intervalErrors = new long[closes.size() - 1];
            int matched = 0;
            long previousTap = 0;
            long previousWire = 0;
            for (long[] close : closes) {
                int port = (int) close[0];
                boolean rst = close[2] == 1;
                Optional<WireCapture.Packet> wire = packets.stream().filter(p -> !p.udp() && p.srcPort() == server.getLocalPort()
                        && p.dstPort() == port && (rst ? p.rst() : p.fin())).findFirst();
                if (wire.isEmpty()) {
                    if (Boolean.getBoolean("bench.precision.debug")) {
                        System.out.println("unmatched close " + closes.indexOf(close) + " port " + port + " rst " + rst + ": "
                                + packets.stream().filter(p -> p.srcPort() == port || p.dstPort() == port).toList());
                    }
                    continue;
                }
                differences[matched] = close[1] + offset - wire.get().wallNanos();
                if (matched > 0) {
                    intervalErrors[matched - 1] = Math.abs((close[1] - previousTap) - (wire.get().wallNanos() - previousWire));
                }
                previousTap = close[1];
                previousWire = wire.get().wallNanos();
                matched++;
            }
            figures.put("matched_on_wire", matched);
            Map<String, Object> tapMinusWire = stats(Arrays.copyOf(differences, matched));
            figures.put("tap_minus_wire_us", tapMinusWire);
            figures.put("interval_error_us", stats(Arrays.copyOf(intervalErrors, Math.max(0, matched - 1))));
            double p99Ms = ((Number) tapMinusWire.getOrDefault("p99", Double.NaN)).doubleValue() / 1e3;
            figures.put("target_p99_ms", TARGET_P99_MS);
            figures.put("meets_target", matched == CLOSES && p99Ms <= TARGET_P99_MS);
            System.out.printf("precision: %d of %d closes found on the wire; tap - wire: %s µs; interval error: %s µs; "
                            + "calibration send→wire: %s µs; target p99 <= %.1f ms: %s%n", matched, CLOSES, tapMinusWire,
                    figures.get("interval_error_us"), figures.get("calibration_send_to_wire_us"), TARGET_P99_MS,
                    figures.get("meets_target"));
        }
        return figures;
    }

    /**
     * One proxied connection that the server closes after a random pause — with a FIN, or with an RST when
     * {@code reset} (SO_LINGER 0) — waiting until the tap has recorded it, so closes never overlap.
     *
     * @return the proxy's port on the server leg (the FIN's destination), the tap's instant, and 1 for an RST
     */
    private static long[] closeOne(ServerSocket server, EmbeddedProxy proxy, long[] cursor, boolean reset)
            throws Exception {
        try (Socket client = new Socket("127.0.0.1", proxy.port());
             Socket accepted = server.accept()) {
            client.getOutputStream().write(1);
            accepted.getInputStream().read();
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5));
            if (reset) {
                accepted.setSoLinger(true, 0);
            }
            int proxyPort = accepted.getPort();
            accepted.close();
            // The proxy's own bounded tap log, read from where this connection began: cheap to poll, so the
            // benchmark does not compete with the event loop whose timing it measures.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline) {
                TapLog.Page page = proxy.events(cursor[0], Integer.MAX_VALUE);
                cursor[0] = page.next();
                Optional<TimelineEvent> end = page.events().stream().map(TapLog.Entry::event)
                        .filter(PrecisionBench::isServerClose).findFirst();
                if (end.isPresent()) {
                    return new long[]{proxyPort, end.get().monoNanos(), reset ? 1 : 0};
                }
                Thread.sleep(2);
            }
            throw new IllegalStateException("the tap recorded no close of the server leg within 5 s");
        }
    }

    private static boolean isServerClose(TimelineEvent e) {
        return (e.is(TapEvents.FIN) || e.is(TapEvents.RST)) && "server".equals(e.str("side"));
    }

    private static void marker(DatagramSocket from, DatagramSocket to, int payload) throws java.io.IOException {
        from.send(new DatagramPacket(new byte[]{(byte) payload}, 1, to.getLocalSocketAddress()));
    }

    private static boolean isMarker(WireCapture.Packet p, DatagramSocket sink, int payload) {
        return p.udp() && p.dstPort() == sink.getLocalPort() && p.payloadHex().equals(String.format("%02x", payload));
    }

    /** Send (monotonic, mapped to wall) → wire delay of each calibration datagram, matched by its one-byte payload. */
    private static long[] calibration(List<WireCapture.Packet> packets, List<Long> sends, long offset, int sinkPort) {
        List<Long> delays = new ArrayList<>();
        for (WireCapture.Packet p : packets) {
            if (p.udp() && p.dstPort() == sinkPort && p.payloadHex().length() == 2) {
                int index = Integer.parseInt(p.payloadHex(), 16);
                if (index < sends.size()) {
                    delays.add(p.wallNanos() - (sends.get(index) + offset));
                }
            }
        }
        return delays.stream().mapToLong(Long::longValue).toArray();
    }

    /** min, p50, p99, max of {@code nanos}, in microseconds. */
    private static Map<String, Object> stats(long[] nanos) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", nanos.length);
        if (nanos.length == 0) {
            return m;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        m.put("min", sorted[0] / 1e3);
        m.put("p50", sorted[(int) Math.ceil(0.50 * sorted.length) - 1] / 1e3);
        m.put("p99", sorted[(int) Math.ceil(0.99 * sorted.length) - 1] / 1e3);
        m.put("max", sorted[sorted.length - 1] / 1e3);
        return m;
    }
}
