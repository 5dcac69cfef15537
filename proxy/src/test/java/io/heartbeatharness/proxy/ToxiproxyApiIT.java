package io.heartbeatharness.proxy;

import io.heartbeatharness.proxy.control.ProxyFaults;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Toxiproxy's HTTP API on the wire — what toxiproxy-java cannot show: headers, the browser guard, unknown routes
 * and methods, populate, PATCH, bad input of every kind — plus the faults and events extensions.
 */
class ToxiproxyApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EchoServer upstream;
    private ProxyServer server;

    @BeforeEach
    void start() throws IOException {
        upstream = new EchoServer();
        server = ProxyServer.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        upstream.close();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return call(method, path, body, null);
    }

    private HttpResponse<String> call(String method, String path, String body, String userAgent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(response.body()).endsWith("\n");
        assertThat(json(response).get("error").asText()).isEqualTo(message);
        assertThat(json(response).get("status").asInt()).isEqualTo(status);
    }

    private void createEcho(String name) throws Exception {
        HttpResponse<String> created = call("POST", "/proxies",
                "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + upstream.hostPort() + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /* ------------------------------------------------------------------ the shape of every answer */

    @Test
    void everyResponseCarriesARequestId() throws Exception {
        for (HttpResponse<String> response : List.of(call("GET", "/version", null), call("GET", "/nope", null),
                call("PUT", "/proxies", null), call("GET", "/proxies/missing", null))) {
            assertThat(response.headers().firstValue("X-Toxiproxy-Request-Id")).get().asString().matches("[0-9a-v]{20}");
        }
    }

    @Test
    void versionIsJsonWithToxiproxysExactBody() throws Exception {
        HttpResponse<String> version = call("GET", "/version", null);
        assertThat(version.statusCode()).isEqualTo(200);
        assertThat(version.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        assertThat(version.body()).isEqualTo("{\"version\": \"2.12.0\"}\n");
    }

    @Test
    void browsersAreTurnedAway() throws Exception {
        HttpResponse<String> response = call("GET", "/proxies", null, "Mozilla/5.0 (X11; Linux x86_64)");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("User agent not allowed\n");
    }

    @Test
    void unknownRoutesAreNotFoundAndWrongMethodsNotAllowed() throws Exception {
        HttpResponse<String> missing = call("GET", "/proxies/", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("404 page not found\n");
        HttpResponse<String> wrong = call("PUT", "/proxies", "{}");
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.body()).isEmpty();
        assertThat(call("GET", "/reset", null).statusCode()).isEqualTo(405);
        assertThat(call("DELETE", "/proxies/x/toxics", null).statusCode()).isEqualTo(405);
    }

    @Test
    void proxyLifecycleStatusesAreToxiproxys() throws Exception {
        createEcho("web");
        HttpResponse<String> shown = call("GET", "/proxies/web", null);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(shown.body()).fieldNames()).toIterable()
                .containsExactly("name", "listen", "upstream", "enabled", "toxics");
        HttpResponse<String> patched = call("PATCH", "/proxies/web", "{\"enabled\":false}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(json(patched).get("enabled").asBoolean()).isFalse();
        HttpResponse<String> posted = call("POST", "/proxies/web", "{\"enabled\":true}");
        assertThat(json(posted).get("enabled").asBoolean()).isTrue();
        assertThat(call("GET", "/proxies", null).body()).startsWith("{\"web\":{\"name\":\"web\"");
        HttpResponse<String> deleted = call("DELETE", "/proxies/web", null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(call("GET", "/proxies", null).body()).isEqualTo("{}");
        assertError(call("DELETE", "/proxies/web", null), 404, "proxy not found");
    }

    @Test
    void toxicLifecycleStatusesAreToxiproxys() throws Exception {
        createEcho("web");
        HttpResponse<String> added = call("POST", "/proxies/web/toxics",
                "{\"type\":\"latency\",\"stream\":\"upstream\",\"attributes\":{\"latency\":5}}");
        assertThat(added.statusCode()).as("Toxiproxy answers a new toxic with 200, not 201").isEqualTo(200);
        assertThat(added.body()).isEqualTo("{\"attributes\":{\"latency\":5,\"jitter\":0},\"name\":\"latency_upstream\","
                + "\"type\":\"latency\",\"stream\":\"upstream\",\"toxicity\":1}");
        call("POST", "/proxies/web/toxics", "{\"type\":\"timeout\",\"name\":\"t\"}");
        assertThat(call("GET", "/proxies/web/toxics", null).body()).startsWith("[{\"attributes\":{\"latency\":5");
        HttpResponse<String> patched = call("PATCH", "/proxies/web/toxics/t", "{\"attributes\":{\"timeout\":9},\"toxicity\":0.5}");
        assertThat(json(patched).get("attributes").get("timeout").asLong()).isEqualTo(9);
        assertThat(json(patched).get("toxicity").asDouble()).isEqualTo(0.5);
        assertThat(json(call("GET", "/proxies/web/toxics/t", null)).get("stream").asText()).isEqualTo("downstream");
        assertThat(call("DELETE", "/proxies/web/toxics/t", null).statusCode()).isEqualTo(204);
        assertError(call("GET", "/proxies/web/toxics/t", null), 404, "toxic not found");
        assertError(call("PATCH", "/proxies/web/toxics/t", "{}"), 404, "toxic not found");
        assertError(call("GET", "/proxies/nope/toxics", null), 404, "proxy not found");
    }

    /* ------------------------------------------------------------------ bad input */

    @Test
    void badInputIsAnsweredWithToxiproxysStatusAndMessage() throws Exception {
        createEcho("web");
        assertError(call("POST", "/proxies", "{not json"), 400,
                "bad request body: invalid character 'n' looking for beginning of value");
        assertError(call("POST", "/proxies", ""), 400, "bad request body: EOF");
        assertError(call("POST", "/proxies", "{\"upstream\":\"x:1\"}"), 400, "missing required field: name");
        assertError(call("POST", "/proxies", "{\"name\":\"n\"}"), 400, "missing required field: upstream");
        assertError(call("POST", "/proxies", "{\"name\":5,\"upstream\":\"x:1\"}"), 400,
                "bad request body: json: cannot unmarshal number into Go struct field Proxy.name of type string");
        assertError(call("POST", "/proxies", "{\"name\":\"web\",\"upstream\":\"x:1\",\"listen\":\"127.0.0.1:0\"}"),
                409, "proxy already exists");
        assertError(call("POST", "/proxies/web/toxics", "{\"type\":\"packet_loss\"}"), 400, "invalid toxic type");
        assertError(call("POST", "/proxies/web/toxics", "{\"attributes\":{}}"), 400, "invalid toxic type");
        assertError(call("POST", "/proxies/web/toxics", "{\"type\":\"latency\",\"stream\":\"both\"}"), 400,
                "stream was invalid, can be either upstream or downstream");
        assertError(call("POST", "/proxies/web/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":1.5}}"), 400,
                "bad request body: json: cannot unmarshal number 1.5 into Go struct field "
                        + "LatencyToxic.attributes.latency of type int64");
        assertError(call("POST", "/proxies/web/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":9223372036854775808}}"),
                400, "bad request body: json: cannot unmarshal number 9223372036854775808 into Go struct field "
                        + "LatencyToxic.attributes.latency of type int64");
        assertError(call("POST", "/proxies/web/toxics", "{\"type\":\"latency\",\"toxicity\":\"high\"}"), 400,
                "bad request body: json: cannot unmarshal string into Go struct field ToxicWrapper.toxicity of type float32");
        HttpResponse<String> huge = call("POST", "/proxies/web/toxics",
                "{\"type\":\"latency\",\"attributes\":{\"latency\":9223372036854775807,\"jitter\":-1}}");
        assertThat(huge.statusCode()).as("values that fit are accepted, as Toxiproxy accepts them").isEqualTo(200);
        assertThat(call("GET", "/version", null).statusCode()).as("still serving").isEqualTo(200);
    }

    @Test
    void aPortInUseIsAServerErrorAndLeaksNoListener() throws Exception {
        Integer before = listeningSockets();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String listen = "127.0.0.1:" + taken.getLocalPort();
            for (int i = 0; i < 20; i++) {
                assertError(call("POST", "/proxies", "{\"name\":\"p" + i + "\",\"listen\":\"" + listen
                        + "\",\"upstream\":\"" + upstream.hostPort() + "\"}"), 500,
                        "listen tcp " + listen + ": bind: address already in use");
            }
            createEcho("web");
            assertError(call("PATCH", "/proxies/web", "{\"listen\":\"" + listen + "\"}"), 500,
                    "listen tcp " + listen + ": bind: address already in use");
            assertThat(json(call("GET", "/proxies/web", null)).get("enabled").asBoolean())
                    .as("a proxy that failed to move stays disabled, as in Toxiproxy").isFalse();
            assertError(call("POST", "/reset", null), 500, "listen tcp " + listen + ": bind: address already in use");
            call("DELETE", "/proxies/web", null);
        }
        assertThat(call("GET", "/proxies", null).body()).isEqualTo("{}");
        assertThat(listeningSockets()).as("no listener left behind").isEqualTo(before);
    }

    /** How many listening TCP sockets this process has (read once from /proc, which changes under other tests). */
    private static Integer listeningSockets() {
        return ProcessSockets.tcpByState().getOrDefault("LISTEN", 0);
    }

    /* ------------------------------------------------------------------ populate */

    @Test
    void populateCreatesReplacesAndKeepsProxies() throws Exception {
        String echo = upstream.hostPort();
        HttpResponse<String> first = call("POST", "/populate", "[{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\""
                + echo + "\"},{\"name\":\"b\",\"upstream\":\"" + echo + "\",\"enabled\":false}]");
        assertThat(first.statusCode()).isEqualTo(201);
        JsonNode proxies = json(first).get("proxies");
        assertThat(proxies).hasSize(2);
        assertThat(proxies.get(1).get("enabled").asBoolean()).isFalse();
        String aListen = proxies.get(0).get("listen").asText();
        HttpResponse<String> again = call("POST", "/populate", "[{\"name\":\"a\",\"listen\":\"" + aListen
                + "\",\"upstream\":\"" + echo + "\"}]");
        assertThat(json(again).get("proxies").get(0).get("listen").asText()).as("same listen and upstream: kept")
                .isEqualTo(aListen);
        assertThat(json(call("GET", "/proxies", null)).size()).isEqualTo(2);
    }

    @Test
    void populateErrorsComeInThePopulateShape() throws Exception {
        HttpResponse<String> missing = call("POST", "/populate", "[{\"name\":\"a\"}]");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo("{\"error\":\"missing required field: upstream at proxy 1\",\"status\":400,"
                + "\"proxies\":null}");
        HttpResponse<String> notAnArray = call("POST", "/populate", "{}");
        assertThat(notAnArray.statusCode()).isEqualTo(400);
        assertThat(json(notAnArray).get("error").asText()).startsWith("bad request body: json: cannot unmarshal object");
        assertThat(call("POST", "/populate", "[]").body()).isEqualTo("{\"proxies\":[]}");
    }

    /* ------------------------------------------------------------------ extensions */

    @Test
    void faultsAreSetReadAndClearedOverHttp() throws Exception {
        createEcho("web");
        assertThat(call("GET", "/proxies/web/faults", null).body()).isEqualTo("{\"blackhole\":{\"upstream\":false,"
                + "\"downstream\":false},\"nat_idle\":{\"timeout\":0},\"idle_close\":{\"timeout\":0}}");
        HttpResponse<String> set = call("PATCH", "/proxies/web/faults",
                "{\"blackhole\":{\"downstream\":true},\"nat_idle\":{\"timeout\":30000}}");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).isEqualTo("{\"blackhole\":{\"upstream\":false,\"downstream\":true},"
                + "\"nat_idle\":{\"timeout\":30000},\"idle_close\":{\"timeout\":0}}");
        assertThat(call("POST", "/proxies/web/faults/idle_close", "{\"timeout\":90000}").body())
                .isEqualTo("{\"timeout\":90000}");
        assertThat(server.proxy("web").faults()).isEqualTo(new ProxyFaults(false, true, Duration.ofSeconds(30),
                Duration.ofSeconds(90)));
        assertThat(json(call("GET", "/proxies/web/toxics", null))).as("faults are not toxics").isEmpty();
        assertThat(call("DELETE", "/proxies/web/faults/blackhole", null).statusCode()).isEqualTo(204);
        assertThat(server.proxy("web").faults().blackholeDownstream()).isFalse();
        assertThat(call("DELETE", "/proxies/web/faults", null).statusCode()).isEqualTo(204);
        assertThat(server.proxy("web").faults()).isEqualTo(ProxyFaults.NONE);
        assertError(call("GET", "/proxies/web/faults/packet_loss", null), 404, "fault not found");
        assertError(call("PATCH", "/proxies/web/faults/nat_idle", "{\"timeout\":-1}"), 400,
                "bad request body: nat_idle.timeout must not be negative, got -1");
        assertError(call("PATCH", "/proxies/web/faults", "{\"blackhole\":{\"upstream\":\"yes\"}}"), 400,
                "bad request body: json: cannot unmarshal string into Go struct field blackhole.upstream of type bool");
    }

    @Test
    void theTapIsReadableOverHttpPageByPage() throws Exception {
        createEcho("web");
        int port = Integer.parseInt(server.proxy("web").listen().split(":")[1]);
        try (TestClient client = new TestClient(port)) {
            client.send("ping");
            client.receive(4);
        }
        JsonNode first = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            first = json(call("GET", "/proxies/web/events?since=0", null));
            if (first.get("events").findValuesAsText("type").contains("fin")) {
                break;
            }
            Thread.sleep(20);
        }
        List<String> types = first.get("events").findValuesAsText("type");
        assertThat(types).startsWith("accept", "connect").contains("bytes", "fin", "proxy-close");
        JsonNode accept = first.get("events").get(0);
        assertThat(accept.fieldNames()).toIterable().startsWith("seq", "mono_ns", "wall_ms", "type", "conn");
        assertThat(accept.get("seq").asLong()).isEqualTo(1);
        long next = first.get("next").asLong();
        assertThat(json(call("GET", "/proxies/web/events?since=" + next, null)).get("events")).isEmpty();
        JsonNode paged = json(call("GET", "/proxies/web/events?since=1&limit=1", null));
        assertThat(paged.get("events")).hasSize(1);
        assertThat(paged.get("events").get(0).get("type").asText()).isEqualTo("connect");
        assertError(call("GET", "/proxies/web/events?since=x", null), 400, "invalid query parameter since: x");
    }
}
