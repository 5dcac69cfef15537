package io.heartbeatharness.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpServer;
import io.heartbeatharness.proxy.ProxyServerMain;
import io.heartbeatharness.proxy.internal.Transports;
import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the embedded proxy on loopback, the way Toxiproxy 2.12 was measured on this machine class: added
 * round-trip latency for 64-byte messages, new proxied connections per second, bulk throughput, the resident
 * memory of a proxy process carrying 5,000 connections that each send a heartbeat every second, and how long the
 * control API takes to add and to delete a toxic.
 *
 * <p>The proxy runs as a process of its own ({@link ProxyServerMain}, what {@code heartbeat-harness.jar proxy}
 * runs), configured over its HTTP API; clients and upstreams live in this process. Figures go to the JSON file
 * named by the first argument and to standard output. Run with {@code mvn -B -pl proxy -am -Pbench verify}.
 *
 * <p>With {@code -Dbench.toxiproxy=/path/to/toxiproxy-server}, the latency, connections and api phases also measure
 * that Toxiproxy server in the same run, with the same clients, beside the embedded proxy ({@link ToxiproxyProcess}).
 */
public final class ProxyBench {
    /**
     * Targets from the issue; Toxiproxy's own figures on this machine class, measured earlier, are 78 µs, ~2,000/s,
     * ~0.8 GB/s, ~260 MB (with -Dbench.toxiproxy the first two are measured in the same run).
     */
    static final double TARGET_ADDED_P50_MICROS = 60;
    static final double TARGET_CONNECTIONS_PER_SECOND = 3_000;
    /** New proxied connections per second, as a multiple of Toxiproxy's in the same run (with -Dbench.toxiproxy). */
    static final double TARGET_CONNECTIONS_OVER_TOXIPROXY = 1.5;
    static final double TARGET_GIGABYTES_PER_SECOND = 1.0;
    static final double TARGET_RSS_MEGABYTES = 200;
    /** Adding a {@code timeout} toxic, p50; Toxiproxy's own figure comes from -Dbench.toxiproxy, same client. */
    static final double TARGET_API_ADD_P50_MILLIS = 2;

    private static final int MESSAGE = 64;
    private static final int WARMUP_ROUND_TRIPS = 30_000;
    private static final int MEASURED_ROUND_TRIPS = 100_000;
    /** Per target; after 1 s the proxy process's JVM was still compiling its accept and connect paths. */
    private static final Duration CONNECT_WARMUP = Duration.ofSeconds(5);
    private static final Duration CONNECT_PHASE = Duration.ofSeconds(3);
    private static final int CONNECT_THREADS = 4;
    private static final long BULK_BYTES = 8L << 30;
    private static final int FLEET = 5_000;
    private static final Duration FLEET_WARMUP = Duration.ofSeconds(15);
    private static final Duration FLEET_SAMPLING = Duration.ofSeconds(15);
    private static final int API_WARMUP = 500;
    private static final int API_MEASURED = 2_000;
    /** Proxied connections held open while the API adds and deletes toxics. */
    private static final List<Integer> API_OPEN_CONNECTIONS = List.of(0, 10);

    /**
     * JVM settings the memory phase measures the proxy process under: the JVM's own defaults (on a 24 GiB machine
     * G1 may grow the heap to 6 GiB and keeps a large young generation resident), and the settings
     * docs/embedded-proxy.md recommends for a long-running standalone proxy.
     */
    static final Map<String, List<String>> MEMORY_SETTINGS = new LinkedHashMap<>();

    static {
        MEMORY_SETTINGS.put("recommended", List.of(System.getProperty("bench.proxyJvm",
                "-XX:+UseSerialGC -Xms16m -Xmx128m -XX:MaxDirectMemorySize=64m").split(" ")));
        MEMORY_SETTINGS.put("jvm_defaults", List.of());
    }

    private ProxyBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/proxy-bench.json");
        List<String> phases = List.of(System.getProperty("bench.phases", "latency,connections,throughput,memory,api")
                .split(","));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("date", java.time.Instant.now().toString());
        results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "java", System.getProperty("java.version"), "transport", Transports.name()));
        String toxiproxyBinary = System.getProperty("bench.toxiproxy", "").trim();
        if (!toxiproxyBinary.isEmpty()) {
            try (ToxiproxyProcess toxiproxy = ToxiproxyProcess.start(toxiproxyBinary)) {
                Map<String, Object> about = new LinkedHashMap<>();
                about.put("binary", toxiproxyBinary);
                about.put("version", toxiproxy.version());
                about.put("log_level",
                        ToxiproxyProcess.LOG_LEVEL.isEmpty() ? "(its default)" : ToxiproxyProcess.LOG_LEVEL);
                results.put("toxiproxy", about);
            }
        }
        try (EchoServer echo = EchoServer.start()) {
            if (phases.contains("latency") || phases.contains("connections") || phases.contains("throughput")) {
                try (ProxyProcess proxy = ProxyProcess.start(List.of());
                     ToxiproxyProcess toxiproxy = toxiproxyBinary.isEmpty() || !(phases.contains("latency")
                             || phases.contains("connections")) ? null : ToxiproxyProcess.start(toxiproxyBinary)) {
                    int proxied = proxy.createProxy("bench", echo.port());
                    int toxiproxied = toxiproxy == null ? -1 : toxiproxy.createProxy("bench", echo.port());
                    if (phases.contains("latency")) {
                        results.put("latency", latency(echo.port(), proxied, toxiproxied));
                    }
                    if (phases.contains("connections")) {
                        results.put("connections", connectionsPerSecond(echo.port(), proxied, toxiproxied));
                    }
                    if (phases.contains("throughput")) {
                        try (Sink sink = Sink.start()) {
                            results.put("throughput", throughput(sink, proxy.createProxy("bulk", sink.port())));
                        }
                    }
                }
            }
            if (phases.contains("api")) {
                results.put("api", api(echo.port(), toxiproxyBinary));
            }
            if (phases.contains("memory")) {
                // A fresh proxy process per setting, so earlier phases' buffers and heap growth do not count.
                Map<String, Object> memory = new LinkedHashMap<>();
                for (Map.Entry<String, List<String>> setting : MEMORY_SETTINGS.entrySet()) {
                    try (ProxyProcess proxy = ProxyProcess.start(setting.getValue())) {
                        Map<String, Object> figures = fleet(proxy, proxy.createProxy("fleet", echo.port()));
                        figures.put("proxy_jvm_flags", String.join(" ", setting.getValue()));
                        memory.put(setting.getKey(), figures);
                    }
                }
                results.put("memory", memory);
            }
        }
        results.put("targets", targets(results));
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.createDirectories(out.toAbsolutePath().getParent());
        json.writeValue(out.toFile(), results);
        System.out.println(json.writeValueAsString(results));
        System.out.println("written to " + out.toAbsolutePath());
    }

    /* ------------------------------------------------------------------ latency */

    /**
     * Direct, through the proxy, and through Toxiproxy when {@code toxiproxiedPort} is not -1: one connection each,
     * warmed up, then measured in ten slices taken in turn, so that a change in the machine's load falls on all.
     */
    private static Map<String, Object> latency(int directPort, int proxiedPort, int toxiproxiedPort)
            throws IOException {
        List<Integer> ports = toxiproxiedPort == -1 ? List.of(directPort, proxiedPort)
                : List.of(directPort, proxiedPort, toxiproxiedPort);
        List<Histogram> histograms = roundTrips(ports);
        Histogram direct = histograms.get(0);
        Histogram proxied = histograms.get(1);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("message_bytes", MESSAGE);
        result.put("round_trips", MEASURED_ROUND_TRIPS);
        result.put("direct_p50_us", micros(direct.getValueAtPercentile(50)));
        result.put("direct_p99_us", micros(direct.getValueAtPercentile(99)));
        result.put("proxied_p50_us", micros(proxied.getValueAtPercentile(50)));
        result.put("proxied_p99_us", micros(proxied.getValueAtPercentile(99)));
        result.put("added_p50_us", micros(proxied.getValueAtPercentile(50) - direct.getValueAtPercentile(50)));
        result.put("added_p99_us", micros(proxied.getValueAtPercentile(99) - direct.getValueAtPercentile(99)));
        if (toxiproxiedPort != -1) {
            Histogram toxiproxied = histograms.get(2);
            result.put("toxiproxy_p50_us", micros(toxiproxied.getValueAtPercentile(50)));
            result.put("toxiproxy_p99_us", micros(toxiproxied.getValueAtPercentile(99)));
            result.put("toxiproxy_added_p50_us",
                    micros(toxiproxied.getValueAtPercentile(50) - direct.getValueAtPercentile(50)));
            result.put("toxiproxy_added_p99_us",
                    micros(toxiproxied.getValueAtPercentile(99) - direct.getValueAtPercentile(99)));
        }
        System.out.printf("latency added p50/p99: proxy %.1f / %.1f us%s (direct p50 %.1f us)%n",
                result.get("added_p50_us"), result.get("added_p99_us"), toxiproxiedPort == -1 ? ""
                        : String.format(" | toxiproxy %.1f / %.1f us", result.get("toxiproxy_added_p50_us"),
                        result.get("toxiproxy_added_p99_us")), result.get("direct_p50_us"));
        return result;
    }

    private static List<Histogram> roundTrips(List<Integer> ports) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        try {
            for (int port : ports) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                sockets.add(socket);
                socket.setTcpNoDelay(true);
                histograms.add(new Histogram(TimeUnit.SECONDS.toNanos(10), 3));
                roundTrips(socket, WARMUP_ROUND_TRIPS, null);
            }
            int slices = 10;
            for (int slice = 0; slice < slices; slice++) {
                for (int i = 0; i < sockets.size(); i++) {
                    roundTrips(sockets.get(i), MEASURED_ROUND_TRIPS / slices, histograms.get(i));
                }
            }
        } finally {
            closeAll(sockets);
        }
        return histograms;
    }

    /** {@code count} round trips of a {@link #MESSAGE}-byte message, recorded into {@code histogram} if not null. */
    private static void roundTrips(Socket socket, int count, Histogram histogram) throws IOException {
        byte[] message = new byte[MESSAGE];
        byte[] reply = new byte[MESSAGE];
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            out.write(message);
            readFully(in, reply);
            long took = System.nanoTime() - start;
            if (histogram != null) {
                histogram.recordValue(took);
            }
        }
    }

    private static void readFully(InputStream in, byte[] buffer) throws IOException {
        int read = 0;
        while (read < buffer.length) {
            int n = in.read(buffer, read, buffer.length - read);
            if (n < 0) {
                throw new IOException("stream ended after " + read + " bytes");
            }
            read += n;
        }
    }

    /* ------------------------------------------------------------------ connections per second */

    /**
     * The same client loop against the echo upstream directly (the client's own ceiling), through the proxy, and
     * through Toxiproxy when {@code toxiproxiedPort} is not -1: {@link #CONNECT_WARMUP} each, then
     * {@link #CONNECT_PHASE} each in 1-s slices taken in turn.
     */
    private static Map<String, Object> connectionsPerSecond(int directPort, int proxiedPort, int toxiproxiedPort)
            throws Exception {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("direct", directPort);
        ports.put("proxy", proxiedPort);
        if (toxiproxiedPort != -1) {
            ports.put("toxiproxy", toxiproxiedPort);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seconds", CONNECT_PHASE.toSeconds());
        result.put("client_threads", CONNECT_THREADS);
        for (int port : ports.values()) {
            runConnections(port, CONNECT_WARMUP);
        }
        Thread.sleep(1000);
        // Taken in turn, one slice each per round, so that a change in the machine's load falls on all of them.
        Map<String, long[]> totals = new LinkedHashMap<>();
        for (long round = 0; round < CONNECT_PHASE.toSeconds(); round++) {
            for (Map.Entry<String, Integer> target : ports.entrySet()) {
                long[] slice = runConnections(target.getValue(), Duration.ofSeconds(1));
                long[] total = totals.computeIfAbsent(target.getKey(), k -> new long[3]);
                for (int i = 0; i < 3; i++) {
                    total[i] += slice[i];
                }
            }
        }
        StringBuilder line = new StringBuilder("connections per second:");
        for (Map.Entry<String, long[]> target : totals.entrySet()) {
            long[] counts = target.getValue();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("connections", counts[0]);
            figures.put("failures", counts[1]);
            figures.put("per_second", Math.round(counts[0] / (counts[2] / 1e9)));
            result.put(target.getKey(), figures);
            line.append(String.format(" %s %,d/s (%d failed)", target.getKey(), figures.get("per_second"), counts[1]));
        }
        if (toxiproxiedPort != -1) {
            result.put("proxy_over_toxiproxy", round(perSecond(result, "proxy") / perSecond(result, "toxiproxy"), 2));
            line.append(String.format(" | proxy/toxiproxy %.2f", result.get("proxy_over_toxiproxy")));
        }
        System.out.println(line);
        return result;
    }

    @SuppressWarnings("unchecked")
    private static double perSecond(Map<String, Object> connections, String target) {
        return ((Number) ((Map<String, Object>) connections.get(target)).get("per_second")).doubleValue();
    }

    /** Each thread: connect, echo one byte (through a proxy, so the upstream leg exists), close; repeat. */
    private static long[] runConnections(int port, Duration phase) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + phase.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < CONNECT_THREADS; t++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                        socket.setTcpNoDelay(true);
                        socket.getOutputStream().write(1);
                        if (socket.getInputStream().read() < 0) {
                            failed.incrementAndGet();
                        } else {
                            done.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new long[] {done.get(), failed.get(), System.nanoTime() - start};
    }

    /* ------------------------------------------------------------------ throughput */

    private static Map<String, Object> throughput(Sink sink, int proxiedPort) throws IOException, InterruptedException {
        double direct = bulk(sink, sink.port());
        double proxied = bulk(sink, proxiedPort);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("bytes", BULK_BYTES);
        result.put("direct_gb_per_s", round(direct, 2));
        result.put("proxied_gb_per_s", round(proxied, 2));
        return result;
    }

    /** Sends {@link #BULK_BYTES} one way and times them until the sink has read every byte; GB = 10^9 bytes. */
    private static double bulk(Sink sink, int port) throws IOException, InterruptedException {
        byte[] chunk = new byte[1 << 20];
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 256; i++) {
                out.write(chunk); // warm-up: 256 MiB
            }
            sink.awaitBytes(256L << 20);
            sink.reset();
            long start = System.nanoTime();
            for (long sent = 0; sent < BULK_BYTES; sent += chunk.length) {
                out.write(chunk);
            }
            sink.awaitBytes(BULK_BYTES);
            return BULK_BYTES / ((System.nanoTime() - start) / 1e9) / 1e9;
        } finally {
            sink.reset();
        }
    }

    /* ------------------------------------------------------------------ memory with a heartbeat fleet */

    private static Map<String, Object> fleet(ProxyProcess proxy, int port) throws Exception {
        long idleRss = proxy.rssKilobytes();
        try (HeartbeatFleet fleet = HeartbeatFleet.start(port, FLEET)) {
            Thread.sleep(FLEET_WARMUP.toMillis());
            long echoedBefore = fleet.echoed();
            long maxRss = 0;
            long sampleEnd = System.nanoTime() + FLEET_SAMPLING.toNanos();
            while (System.nanoTime() < sampleEnd) {
                maxRss = Math.max(maxRss, proxy.rssKilobytes());
                Thread.sleep(500);
            }
            long echoed = fleet.echoed() - echoedBefore;
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("connections", fleet.open());
            result.put("heartbeat_interval_ms", HeartbeatFleet.INTERVAL.toMillis());
            result.put("heartbeats_echoed_per_s", Math.round(echoed / (double) FLEET_SAMPLING.toSeconds()));
            result.put("proxy_rss_idle_mb", round(idleRss / 1024.0, 1));
            result.put("proxy_rss_max_mb", round(maxRss / 1024.0, 1));
            result.put("proxy_rss_final_mb", round(proxy.rssKilobytes() / 1024.0, 1));
            result.put("proxy_live_heap_after_full_gc_mb", round(proxy.liveHeapKilobytes() / 1024.0, 1));
            return result;
        }
    }

    /* ------------------------------------------------------------------ control API */

    /**
     * One keep-alive HTTP/1.1 client adds a {@code timeout} toxic and deletes it again, over and over: first against
     * a trivial local HTTP server (the client's own floor), then against the proxy with 0 and with 10 proxied
     * connections open. Deleting a {@code timeout} toxic closes the connections it sits on, so they are opened anew
     * (outside the timed requests) before every add. The first add and delete of each run are reported on their own:
     * in the 0-connection run they are the proxy process's first toxic, before its code is loaded and compiled.
     * With a Toxiproxy binary, the same client then does the same against a fresh Toxiproxy server.
     */
    private static Map<String, Object> api(int echoPort, String toxiproxyBinary) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("warmup_iterations", API_WARMUP);
        result.put("measured_iterations", API_MEASURED);
        try (FloorServer floor = FloorServer.start()) {
            result.put("client_floor", apiRun(client, floor.url(), "floor", "client floor", 0, 0));
        }
        try (ProxyProcess proxy = ProxyProcess.start(List.of())) {
            int proxied = proxy.createProxy("api", echoPort);
            for (int connections : API_OPEN_CONNECTIONS) {
                result.put("connections_" + connections,
                        apiRun(client, proxy.url(), "api", "proxy, " + connections + " conns", connections, proxied));
            }
        }
        if (!toxiproxyBinary.isEmpty()) {
            try (ToxiproxyProcess toxiproxy = ToxiproxyProcess.start(toxiproxyBinary)) {
                int proxied = toxiproxy.createProxy("api", echoPort);
                Map<String, Object> runs = new LinkedHashMap<>();
                for (int connections : API_OPEN_CONNECTIONS) {
                    runs.put("connections_" + connections, apiRun(client, toxiproxy.url(), "api",
                            "toxiproxy, " + connections + " conns", connections, proxied));
                }
                result.put("toxiproxy", runs);
            }
        }
        return result;
    }

    private static Map<String, Object> apiRun(HttpClient client, String url, String proxyName, String label,
                                              int connections, int proxiedPort) throws Exception {
        String toxic = "bench_timeout";
        HttpRequest add = HttpRequest.newBuilder(URI.create(url + "/proxies/" + proxyName + "/toxics"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + toxic + "\",\"type\":\"timeout\","
                        + "\"stream\":\"downstream\",\"toxicity\":1,\"attributes\":{\"timeout\":0}}"))
                .header("Content-Type", "application/json").build();
        HttpRequest delete = HttpRequest.newBuilder(URI.create(url + "/proxies/" + proxyName + "/toxics/" + toxic))
                .DELETE().build();
        Histogram adds = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Histogram deletes = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        long[] first = new long[2];
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < API_WARMUP + API_MEASURED; i++) {
                reopen(open, connections, proxiedPort);
                long start = System.nanoTime();
                expect(client.send(add, HttpResponse.BodyHandlers.ofString()), 200, "add");
                long added = System.nanoTime();
                expect(client.send(delete, HttpResponse.BodyHandlers.ofString()), 204, "delete");
                long deleted = System.nanoTime();
                if (i == 0) {
                    first[0] = added - start;
                    first[1] = deleted - added;
                } else if (i >= API_WARMUP) {
                    adds.recordValue(added - start);
                    deletes.recordValue(deleted - added);
                }
            }
        } finally {
            closeAll(open);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("open_connections", connections);
        result.put("add_ms", percentiles(adds));
        result.put("delete_ms", percentiles(deletes));
        result.put("first_add_ms", millis(first[0]));
        result.put("first_delete_ms", millis(first[1]));
        System.out.printf("api %-21s add p50 %.3f p90 %.3f p99 %.3f max %.3f ms | delete p50 %.3f p90 %.3f p99 %.3f"
                        + " max %.3f ms | first add %.3f delete %.3f ms%n",
                label,
                millis(adds.getValueAtPercentile(50)), millis(adds.getValueAtPercentile(90)),
                millis(adds.getValueAtPercentile(99)), millis(adds.getMaxValue()),
                millis(deletes.getValueAtPercentile(50)), millis(deletes.getValueAtPercentile(90)),
                millis(deletes.getValueAtPercentile(99)), millis(deletes.getMaxValue()), millis(first[0]),
                millis(first[1]));
        return result;
    }

    /** Replaces {@code open} by {@code count} fresh proxied connections, each shown to reach the upstream. */
    private static void reopen(List<Socket> open, int count, int port) throws IOException {
        closeAll(open);
        byte[] reply = new byte[1];
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            open.add(socket);
            socket.setTcpNoDelay(true);
            socket.getOutputStream().write(1);
            readFully(socket.getInputStream(), reply);
        }
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    private static void expect(HttpResponse<String> response, int status, String what) throws IOException {
        if (response.statusCode() != status) {
            throw new IOException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private static Map<String, Object> percentiles(Histogram histogram) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("p50", millis(histogram.getValueAtPercentile(50)));
        result.put("p90", millis(histogram.getValueAtPercentile(90)));
        result.put("p99", millis(histogram.getValueAtPercentile(99)));
        result.put("max", millis(histogram.getMaxValue()));
        return result;
    }

    /**
     * The client's floor: the JDK's HTTP server answering the same requests at once with the proxy's answers (the
     * toxic's JSON, 204 for the delete), without Nagle's delay on its sockets.
     */
    static final class FloorServer implements AutoCloseable {
        private static final byte[] TOXIC = ("{\"attributes\":{\"timeout\":0},\"name\":\"bench_timeout\","
                + "\"type\":\"timeout\",\"stream\":\"downstream\",\"toxicity\":1}").getBytes(StandardCharsets.UTF_8);
        private final HttpServer server;

        private FloorServer(HttpServer server) {
            this.server = server;
        }

        static FloorServer start() throws IOException {
            System.setProperty("sun.net.httpserver.nodelay", "true"); // read when the first server starts
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    if (exchange.getRequestMethod().equals("DELETE")) {
                        exchange.sendResponseHeaders(204, -1);
                    } else {
                        exchange.getResponseHeaders().set("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, TOXIC.length);
                        exchange.getResponseBody().write(TOXIC);
                    }
                }
            });
            server.start();
            return new FloorServer(server);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }


    /* ------------------------------------------------------------------ verdicts */

    @SuppressWarnings("unchecked")
    private static Map<String, Object> targets(Map<String, Object> results) {
        Map<String, Object> targets = new LinkedHashMap<>();
        Map<String, Object> latency = (Map<String, Object>) results.get("latency");
        if (latency != null) {
            targets.put("added_p50_us", verdict((Double) latency.get("added_p50_us") <= TARGET_ADDED_P50_MICROS,
                    "<= " + TARGET_ADDED_P50_MICROS));
        }
        Map<String, Object> connections = (Map<String, Object>) results.get("connections");
        if (connections != null) {
            targets.put("connections_per_s", verdict(perSecond(connections, "proxy")
                    >= TARGET_CONNECTIONS_PER_SECOND, ">= " + TARGET_CONNECTIONS_PER_SECOND));
            if (connections.containsKey("proxy_over_toxiproxy")) {
                targets.put("connections_over_toxiproxy", verdict((Double) connections.get("proxy_over_toxiproxy")
                        >= TARGET_CONNECTIONS_OVER_TOXIPROXY, ">= " + TARGET_CONNECTIONS_OVER_TOXIPROXY));
            }
        }
        Map<String, Object> throughput = (Map<String, Object>) results.get("throughput");
        if (throughput != null) {
            targets.put("proxied_gb_per_s", verdict((Double) throughput.get("proxied_gb_per_s")
                    >= TARGET_GIGABYTES_PER_SECOND, ">= " + TARGET_GIGABYTES_PER_SECOND));
        }
        Map<String, Object> api = (Map<String, Object>) results.get("api");
        if (api != null) {
            for (int open : API_OPEN_CONNECTIONS) {
                Map<String, Object> run = (Map<String, Object>) api.get("connections_" + open);
                double p50 = (Double) ((Map<String, Object>) run.get("add_ms")).get("p50");
                targets.put("api_add_p50_ms_" + open + "_connections",
                        verdict(p50 <= TARGET_API_ADD_P50_MILLIS, "<= " + TARGET_API_ADD_P50_MILLIS));
            }
        }
        Map<String, Object> memory = (Map<String, Object>) results.get("memory");
        if (memory != null) {
            for (Map.Entry<String, Object> setting : memory.entrySet()) {
                double rss = (Double) ((Map<String, Object>) setting.getValue()).get("proxy_rss_max_mb");
                targets.put("proxy_rss_max_mb_" + setting.getKey(), verdict(rss <= TARGET_RSS_MEGABYTES,
                        "<= " + TARGET_RSS_MEGABYTES));
            }
        }
        return targets;
    }

    private static String verdict(boolean met, String target) {
        return (met ? "met " : "MISSED ") + target;
    }

    static double micros(long nanos) {
        return round(nanos / 1000.0, 1);
    }

    static double millis(long nanos) {
        return round(nanos / 1e6, 3);
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /* ------------------------------------------------------------------ the proxy process */

    /** A server with Toxiproxy's HTTP API: the proxy process, or a Toxiproxy server. */
    interface ProxyApi extends AutoCloseable {
        String url();

        HttpClient http();

        /** Creates a proxy in front of {@code upstreamPort} and returns the port it listens on. */
        default int createProxy(String name, int upstreamPort) throws IOException, InterruptedException {
            String body = "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:" + upstreamPort + "\"}";
            HttpResponse<String> response = http().send(HttpRequest.newBuilder(URI.create(url() + "/proxies"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IOException("creating proxy " + name + ": " + response.body());
            }
            String listen = new ObjectMapper().readTree(response.body()).get("listen").asText();
            return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
        }

        @Override
        void close();
    }

    /** {@link ProxyServerMain} in a JVM of its own, driven over its HTTP API. */
    static final class ProxyProcess implements ProxyApi {
        private static final Pattern URL = Pattern.compile("API listening on (http://\\S+)");
        private final Process process;
        private final String url;
        private final HttpClient http = HttpClient.newHttpClient();

        private ProxyProcess(Process process, String url) {
            this.process = process;
            this.url = url;
        }

        static ProxyProcess start(List<String> jvmFlags) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmFlags);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ProxyServerMain.class.getName(),
                    "--port", "0"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher matcher = URL.matcher(String.valueOf(line));
            if (!matcher.find()) {
                process.destroyForcibly();
                throw new IOException("the proxy process did not start: " + line);
            }
            Thread drain = new Thread(() -> {
                try {
                    out.lines().forEach(l -> { });
                } catch (java.io.UncheckedIOException closed) {
                    // the process ended
                }
            }, "proxy-output");
            drain.setDaemon(true);
            drain.start();
            return new ProxyProcess(process, matcher.group(1));
        }

        @Override
        public String url() {
            return url;
        }

        @Override
        public HttpClient http() {
            return http;
        }

        long rssKilobytes() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            throw new IOException("no VmRSS for the proxy process");
        }

        /** The heap still in use after a full collection ({@code jcmd GC.run}, then {@code GC.heap_info}). */
        long liveHeapKilobytes() throws IOException, InterruptedException {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            String pid = Long.toString(process.pid());
            new ProcessBuilder(jcmd, pid, "GC.run").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
            Process info = new ProcessBuilder(jcmd, pid, "GC.heap_info").redirectErrorStream(true).start();
            String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            info.waitFor(30, TimeUnit.SECONDS);
            long used = 0;
            // Top-level generation lines, e.g. " def new generation   total 4928K, used 1234K [..." (Serial) or
            // " garbage-first heap   total 393216K, used 51234K [..." (G1).
            Matcher matcher = Pattern.compile("(?m)^ (?:def new generation|tenured generation|garbage-first heap)"
                    + "\\s+total \\d+K, used (\\d+)K").matcher(text);
            while (matcher.find()) {
                used += Long.parseLong(matcher.group(1));
            }
            return used;
        }

        @Override
        public void close() {
            stop(process);
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /* ------------------------------------------------------------------ a Toxiproxy server */

    /**
     * A {@code toxiproxy-server} binary (given with {@code -Dbench.toxiproxy}) in a process of its own, its API on a
     * free loopback port, its log discarded. {@code -Dbench.toxiproxy.logLevel} sets its {@code LOG_LEVEL}
     * (default {@code error}: no line per request or connection; empty: its own default, which logs them).
     */
    static final class ToxiproxyProcess implements ProxyApi {
        static final String LOG_LEVEL = System.getProperty("bench.toxiproxy.logLevel", "error").trim();
        private final Process process;
        private final String url;
        private final HttpClient http = HttpClient.newHttpClient();
        private final Thread reaper;

        private ToxiproxyProcess(Process process, String url) {
            this.process = process;
            this.url = url;
            this.reaper = new Thread(process::destroyForcibly, "toxiproxy-reaper");
            Runtime.getRuntime().addShutdownHook(reaper);
        }

        static ToxiproxyProcess start(String binary) throws IOException, InterruptedException {
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            ProcessBuilder builder = new ProcessBuilder(binary, "-host", "127.0.0.1", "-port", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            if (!LOG_LEVEL.isEmpty()) {
                builder.environment().put("LOG_LEVEL", LOG_LEVEL);
            }
            ToxiproxyProcess toxiproxy = new ToxiproxyProcess(builder.start(), "http://127.0.0.1:" + port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try {
                    toxiproxy.version();
                    return toxiproxy;
                } catch (IOException notYet) {
                    if (!toxiproxy.process.isAlive() || System.nanoTime() > deadline) {
                        toxiproxy.close();
                        throw new IOException("toxiproxy-server did not start: " + binary, notYet);
                    }
                    Thread.sleep(20);
                }
            }
        }

        String version() throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/version")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(response.body()).get("version").asText();
        }

        @Override
        public String url() {
            return url;
        }

        @Override
        public HttpClient http() {
            return http;
        }

        @Override
        public void close() {
            stop(process);
            Runtime.getRuntime().removeShutdownHook(reaper);
        }
    }

    /* ------------------------------------------------------------------ a one-way sink */

    /** Reads and discards everything sent to it, counting bytes. */
    static final class Sink implements AutoCloseable {
        private final ServerSocket listener;
        private final AtomicLong bytes = new AtomicLong();

        private Sink(ServerSocket listener) {
            this.listener = listener;
        }

        static Sink start() throws IOException {
            Sink sink = new Sink(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            Thread acceptor = new Thread(sink::accept, "sink-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            return sink;
        }

        int port() {
            return listener.getLocalPort();
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    Thread reader = new Thread(() -> drain(socket), "sink-read");
                    reader.setDaemon(true);
                    reader.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void drain(Socket socket) {
            byte[] buffer = new byte[1 << 20];
            try (socket; InputStream in = socket.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    bytes.addAndGet(n);
                }
            } catch (IOException ignored) {
                // the sender closed
            }
        }

        void awaitBytes(long count) throws InterruptedException {
            while (bytes.get() < count) {
                Thread.sleep(1);
            }
        }

        void reset() {
            bytes.set(0);
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
