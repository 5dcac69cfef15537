package io.heartbeatharness.proxy;

import io.heartbeatharness.proxy.HostileRequests.Expect;
import io.heartbeatharness.proxy.HostileRequests.Hostile;
import io.heartbeatharness.proxy.toxics.ToxicTypes;
import io.heartbeatharness.timeline.Direction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The Toxiproxy API under abuse: ten thousand generated malformed and hostile requests get only refusals (4xx, or
 * Toxiproxy's 500 for an address it cannot listen on), the server keeps serving, and every socket they caused is
 * closed again.
 */
class ApiAbuseIT {
    /** Fixed, so that a failure names a request that can be replayed; change it to explore further. */
    private static final long SEED = 20_240_601L;
    private static final int REQUESTS = 10_000;
    /** Requests each of four concurrent clients sends in the create/delete race. */
    private static final int RACE_REQUESTS = 300;
    /** Every this many requests, a valid request must still be answered. */
    private static final int PROBE_EVERY = 250;
    /** How long one answer may take on a loaded machine; a guard against a hung server, not a measurement. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private EchoServer upstream;
    private ProxyServer server;
    private RawHttp http;

    @BeforeEach
    void start() throws Exception {
        assumeThat(ProcessSockets.available()).as("/proc/self/fd and /proc/net/tcp are readable").isTrue();
        upstream = new EchoServer();
        server = ProxyServer.start("127.0.0.1", 0);
        http = new RawHttp(server.port(), PATIENCE);
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void tenThousandHostileRequestsAreRefusedAndLeaveNoSocketBehind() throws Exception {
        Map<String, Integer> before = ProcessSockets.tcpByState();
        for (String name : HostileRequests.KEPT) {
            server.createProxy(name, "127.0.0.1:0", upstream.hostPort(), true);
        }
        server.proxy(HostileRequests.KEPT.get(0)).addToxic(HostileRequests.KEPT_TOXIC, Direction.DOWNSTREAM,
                ToxicTypes.byName("latency").orElseThrow().zero());

        HostileRequests requests = new HostileRequests(SEED, upstream.hostPort());
        List<String> wrong = new ArrayList<>();
        Map<String, Integer> statuses = new TreeMap<>();
        for (int i = 1; i <= REQUESTS; i++) {
            Hostile request = requests.next();
            if (request.expect() == Expect.ABANDONED) {
                http.abandon(request.wire());
                statuses.merge("abandoned", 1, Integer::sum);
            } else {
                RawHttp.Answer answer = http.exchange(request.wire());
                statuses.merge(Integer.toString(answer.status()), 1, Integer::sum);
                String problem = judge(request, answer);
                if (problem != null && wrong.size() < 20) {
                    wrong.add("#" + i + " " + problem + " <- " + request.describe());
                }
            }
            if (i % PROBE_EVERY == 0) {
                assertThat(http.exchange(get("/version")).status()).as("GET /version after %d requests", i)
                        .isEqualTo(200);
            }
        }
        System.out.println("hostile requests, answers by status: " + statuses);
        assertThat(wrong).as("answers by status: %s", statuses).isEmpty();

        assertStillWorks();
        for (String name : server.proxies().keySet()) {
            server.deleteProxy(name);
        }
        await("every socket the requests caused is closed (before: " + before + ")").atMost(PATIENCE)
                .until(() -> ProcessSockets.tcpByState().equals(before));
    }

    @Test
    void concurrentCreatesAndDeletesOfTheSameNamesLeaveNoListenerBehind() throws Exception {
        Map<String, Integer> before = ProcessSockets.tcpByState();
        List<String> names = List.of("race-0", "race-1", "race-2");
        ExecutorService clients = Executors.newFixedThreadPool(4);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Random random = new Random(SEED + t);
                done.add(clients.submit(() -> {
                    for (int i = 0; i < RACE_REQUESTS; i++) {
                        String name = names.get(random.nextInt(names.size()));
                        byte[] wire = switch (random.nextInt(3)) {
                            case 0 -> post("/proxies", "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\","
                                    + "\"upstream\":\"" + upstream.hostPort() + "\"}");
                            case 1 -> post("/proxies/" + name + "/toxics", "{\"type\":\"latency\"}");
                            default -> delete("/proxies/" + name);
                        };
                        statuses.merge(http.exchange(wire).status(), 1, Integer::sum);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            clients.shutdownNow();
        }
        // Created, toxic added, deleted; or refused: taken (409), gone (404), toxic there already (409).
        assertThat(statuses.keySet()).as("statuses %s", statuses).isSubsetOf(200, 201, 204, 404, 409);
        for (String name : server.proxies().keySet()) {
            server.deleteProxy(name);
        }
        await("every listener and connection of the race is closed (before: " + before + ")").atMost(PATIENCE)
                .until(() -> ProcessSockets.tcpByState().equals(before));
        assertStillWorks();
    }

    @Test
    void aHugeBodyIsRefusedEarlyWithoutBeingBuffered() throws Exception {
        long announced = 10L << 30; // 10 GiB
        byte[] chunk = new byte[64 * 1024];
        long sent = 0;
        long started = System.nanoTime();
        RawHttp.Answer answer;
        try (Socket socket = http.connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /populate HTTP/1.1\r\nHost: x\r\nContent-Length: " + announced + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            try {
                // Keep sending until the server refuses; a server that buffered would let all 10 GiB in.
                while (sent < announced) {
                    out.write(chunk);
                    sent += chunk.length;
                }
            } catch (IOException refused) {
                // The server answered and closed: what we expect.
            }
            answer = RawHttp.read(socket.getInputStream());
        }
        System.out.printf("a body announced at %d bytes: %d answered after %d bytes sent, %d ms%n", announced,
                answer.status(), sent, (System.nanoTime() - started) / 1_000_000);
        assertThat(answer.status()).isEqualTo(413);
        // The kernel's socket buffers let some megabytes through before the close is noticed; far from 10 GiB.
        assertThat(sent).as("bytes sent before the refusal").isLessThan(announced / 100);
        assertStillWorks();
    }

    @Test
    void anEndlessChunkedBodyIsRefused() throws Exception {
        byte[] chunk = ("10000\r\n" + " ".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        long sent = 0;
        RawHttp.Answer answer;
        try (Socket socket = http.connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("POST /populate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            try {
                while (sent < (1L << 32)) {
                    out.write(chunk);
                    sent += chunk.length;
                }
            } catch (IOException refused) {
                // Answered and closed.
            }
            InputStream in = socket.getInputStream();
            answer = RawHttp.read(in);
        }
        assertThat(answer.status()).isEqualTo(413);
        assertThat(sent).as("bytes sent before the refusal").isLessThan(1L << 30);
        assertStillWorks();
    }

    /** Null when the answer is what {@code request} deserves, otherwise what is wrong with it. */
    private static String judge(Hostile request, RawHttp.Answer answer) {
        int status = answer.status();
        boolean serverError = status >= 500 && !answer.isListenError();
        return switch (request.expect()) {
            case REFUSED -> status >= 400 && status < 500 || answer.isListenError() ? null
                    : "expected a refusal, got " + status + " " + answer.body().trim();
            case NO_SERVER_ERROR -> status > 0 && !serverError ? null
                    : "expected no server error, got " + status + " " + answer.body().trim();
            case ABANDONED -> null;
        };
    }

    /** A whole valid session: create, add a toxic, relay bytes, delete. */
    private void assertStillWorks() throws Exception {
        String body = "{\"name\":\"after-abuse\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + upstream.hostPort() + "\"}";
        assertThat(http.exchange(post("/proxies", body)).status()).isEqualTo(201);
        assertThat(http.exchange(post("/proxies/after-abuse/toxics", "{\"type\":\"latency\"}")).status())
                .isEqualTo(200);
        try (TestClient client = new TestClient(server.proxy("after-abuse").port())) {
            client.send("still relaying");
            assertThat(client.receive("still relaying".length())).isEqualTo("still relaying");
        }
        assertThat(http.exchange(delete("/proxies/after-abuse")).status()).isEqualTo(204);
    }

    private static byte[] get(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] delete(String path) {
        return ("DELETE " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] post(String path, String body) {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        return ("POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " + json.length
                + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }
}
