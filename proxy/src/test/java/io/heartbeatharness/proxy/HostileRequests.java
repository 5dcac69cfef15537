package io.heartbeatharness.proxy;

import io.heartbeatharness.proxy.toxics.LatencyToxic;
import io.heartbeatharness.proxy.toxics.ToxicType;
import io.heartbeatharness.proxy.toxics.ToxicTypes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A seeded generator of malformed and hostile requests to the Toxiproxy API, each with what a correct server must
 * answer: bad JSON, wrong types, oversized bodies, unknown paths and methods, duplicate names, rapid create and
 * delete, partial requests, bad toxic attributes and numbers no Go type holds.
 *
 * <p>Requests name two proxies the test keeps ({@link #KEPT}, the first with toxic {@link #KEPT_TOXIC}), so
 * that bad bodies reach real routes, and create throwaway proxies whose names start with {@link #THROWAWAY}.
 */
final class HostileRequests {
    static final List<String> KEPT = List.of("abuse-a", "abuse-b");
    static final String KEPT_TOXIC = "lat";
    static final String THROWAWAY = "tmp-";
    /** Just above the API's body limit (1 MiB), so the server must refuse rather than buffer. */
    static final int OVERSIZED = (1 << 20) + 1;

    /** What a correct server does with a request. */
    enum Expect {
        /** Refuses it: a 4xx, or Toxiproxy's 500 for an address it cannot listen on. */
        REFUSED,
        /** May accept it (valid in Toxiproxy too) but never fails with a 5xx other than a listen error. */
        NO_SERVER_ERROR,
        /** The client gives up mid-request; there is nothing to answer. */
        ABANDONED
    }

    record Hostile(String kind, String method, String path, byte[] wire, Expect expect) {
        String describe() {
            String text = new String(wire, 0, Math.min(wire.length, 300), StandardCharsets.ISO_8859_1);
            return kind + " (" + wire.length + " bytes): " + text.replace("\r\n", "\\r\\n");
        }
    }

    private final Random random;
    private final String upstream;
    private final List<Supplier<Hostile>> kinds;
    /** The rest of a multi-request sequence (create, delete, delete again), served before anything new. */
    private Deque<Hostile> pending = new ArrayDeque<>();
    private int serial;

    HostileRequests(long seed, String upstream) {
        this.random = new Random(seed);
        this.upstream = upstream;
        this.kinds = List.of(this::badJson, this::wrongType, this::unknownRoute, this::wrongMethod,
                this::badToxicAttributes, this::hugeNumber, this::duplicateName, this::createThenDeleteTwice,
                this::partial, this::brokenFraming, this::browser, this::badQuery,
                this::validThrowaway);
    }

    Hostile next() {
        if (!pending.isEmpty()) {
            return pending.removeFirst();
        }
        // Oversized bodies are rare: each one is a megabyte over loopback.
        if (random.nextInt(200) == 0) {
            return oversized();
        }
        return kinds.get(random.nextInt(kinds.size())).get();
    }

    /* ---------------------------------------------------------------- bodies that are not what the route reads */

    private static final List<String> BROKEN_JSON = List.of("", "{", "}", "[", "{\"name\":", "{\"name\" \"x\"}",
            "nul", "tru", "{'name':'x'}", "{\"name\":\"x\",}", "[1,2,", "\"unterminated", "\u0000",
            "{\"name\":\"\\ud800\"", "{\"name\":\"x\"\u0000}", "NaN", "-", "1e", "{\"name\":0x10}", "/*c*/{}",
            "{\"name\":\"x\" \"upstream\":\"y\"}");

    private Hostile badJson() {
        String body = pick(BROKEN_JSON);
        if (random.nextInt(4) == 0) {
            // An object that never closes: a syntax error or an early end whatever the random part holds.
            body = "{" + randomText(1 + random.nextInt(200)).replace("}", "");
        }
        String[] route = pick(jsonRoutes());
        return request("bad-json", route[0], route[1], body, Expect.REFUSED);
    }

    private List<String[]> jsonRoutes() {
        String p = pick(KEPT);
        return List.of(new String[] {"POST", "/proxies"}, new String[] {"POST", "/populate"},
                new String[] {"POST", "/proxies/" + p}, new String[] {"PATCH", "/proxies/" + p},
                new String[] {"POST", "/proxies/" + KEPT.get(0) + "/toxics"},
                new String[] {"POST", "/proxies/" + KEPT.get(0) + "/toxics/" + KEPT_TOXIC},
                new String[] {"POST", "/proxies/" + p + "/faults"},
                new String[] {"POST", "/proxies/" + p + "/faults/blackhole"},
                new String[] {"PATCH", "/proxies/" + p + "/faults/nat_idle"});
    }

    private static final List<String> WRONG_VALUES = List.of("1", "-1", "1.5", "true", "false", "[]", "{}",
            "[\"x\"]", "{\"a\":1}", "\"\"");

    private Hostile wrongType() {
        String value = pick(WRONG_VALUES);
        String name = "\"name\":\"" + throwawayName() + "\"";
        String goodUpstream = "\"upstream\":\"" + upstream + "\"";
        String[] pathAndBody = switch (random.nextInt(7)) {
            case 0 -> new String[] {"/proxies", "{\"name\":" + nonString(value) + "," + goodUpstream + "}"};
            case 1 -> new String[] {"/proxies", "{" + name + ",\"upstream\":" + nonString(value) + "}"};
            case 2 -> new String[] {"/proxies", "{" + name + ",\"listen\":" + nonString(value) + "," + goodUpstream + "}"};
            case 3 -> new String[] {"/proxies", "{" + name + "," + goodUpstream + ",\"enabled\":" + nonBool(value) + "}"};
            case 4 -> new String[] {"/populate", "[" + nonObject(value) + "]"};
            case 5 -> new String[] {"/populate", "{" + name + "," + goodUpstream + "}"}; // an object, not an array
            default -> new String[] {"/proxies/" + pick(KEPT) + "/faults", "{\"blackhole\":" + nonObject(value) + "}"};
        };
        return request("wrong-type", "POST", pathAndBody[0], pathAndBody[1], Expect.REFUSED);
    }

    /**
     * A new toxic with an attribute of the wrong type, an unknown type or stream, or a toxicity that is not a number;
     * or the same wrong values as an update of the kept latency toxic. Unknown attribute names are left out: Go's
     * decoder ignores them; so is a stream in capitals: Toxiproxy lower-cases it. Both are valid.
     */
    private Hostile badToxicAttributes() {
        ToxicType type = pick(ToxicTypes.ALL);
        String attribute = pick(type.attributes());
        String wrongValue = pick(List.of("\"10\"", "1.5", "true", "[1]", "{}", "-0.5"));
        if (random.nextBoolean()) {
            String body = random.nextBoolean()
                    ? "{\"attributes\":{\"" + pick(LatencyToxic.TYPE.attributes()) + "\":" + wrongValue + "}}"
                    : "{\"toxicity\":" + pick(List.of("\"1\"", "[]", "{}", "true")) + "}";
            return request("bad-toxic-update", "POST", "/proxies/" + KEPT.get(0) + "/toxics/" + KEPT_TOXIC, body,
                    Expect.REFUSED);
        }
        String body = switch (random.nextInt(5)) {
            case 0 -> "{\"type\":\"" + type.name() + "\",\"attributes\":{\"" + attribute + "\":" + wrongValue + "}}";
            case 1 -> "{\"type\":\"" + type.name() + "\",\"attributes\":[1,2]}";
            case 2 -> "{\"type\":\"" + pick(List.of("", "LATENCY", "latency ", "down", "blackhole", "nat_idle",
                    "x" + randomPathText(8))) + "\"}";
            case 3 -> "{\"type\":\"" + type.name() + "\",\"stream\":\"" + pick(List.of("up", "both", "up stream",
                    "sideways")) + "\"}";
            default -> "{\"type\":\"" + type.name() + "\",\"toxicity\":\"" + random.nextInt(2) + "\"}";
        };
        return request("bad-toxic", "POST", "/proxies/" + pick(KEPT) + "/toxics", body, Expect.REFUSED);
    }

    private static final List<String> HUGE = List.of("1e400", "99999999999999999999999999", "-9223372036854775809",
            "9223372036854775808", "1e19", "-1e19", "123456789012345678901234567890.5");

    private Hostile hugeNumber() {
        String number = pick(HUGE);
        return switch (random.nextInt(4)) {
            case 0 -> request("huge-number", "POST", "/proxies/" + KEPT.get(0) + "/toxics",
                    "{\"type\":\"latency\",\"attributes\":{\"latency\":" + number + "}}", Expect.REFUSED);
            case 1 -> request("huge-number", "POST", "/proxies/" + KEPT.get(0) + "/toxics/" + KEPT_TOXIC,
                    "{\"toxicity\":" + pick(List.of("1e39", "-1e39", "1e400")) + "}", Expect.REFUSED);
            case 2 -> request("huge-number", "POST", "/proxies/" + pick(KEPT) + "/faults/nat_idle",
                    "{\"timeout\":" + number + "}", Expect.REFUSED);
            default -> request("huge-port", "POST", "/proxies", "{\"name\":\"" + throwawayName()
                    + "\",\"listen\":\"127.0.0.1:" + pick(List.of("65536", "99999999999", "-1", number, "x", ""))
                    + "\",\"upstream\":\"" + upstream + "\"}", Expect.REFUSED);
        };
    }

    /* ---------------------------------------------------------------- routes and methods */

    private Hostile unknownRoute() {
        String path = pick(List.of("/", "//", "/proxies/", "/proxies//toxics", "/proxies/abuse-a/toxics/",
                "/proxies/abuse-a/unknown", "/../../etc/passwd", "/proxies/abuse-a/toxics/lat/extra",
                "/version/", "/VERSION", "/%2e%2e/%2e%2e", "/proxies/%00", "/proxies/abuse-a/faults/nope",
                "/proxies/no-such-proxy", "/proxies/no-such-proxy/toxics", "/proxies/abuse-a/toxics/no-such",
                "/proxies/abuse-a/events/x", "/" + "a".repeat(3000), "*", "http://evil.invalid/proxies"));
        if (random.nextInt(3) == 0) {
            path = "/" + randomPathText(1 + random.nextInt(60));
        }
        String method = pick(List.of("GET", "POST", "DELETE", "PATCH"));
        return request("unknown-route", method, path, method.equals("GET") ? null : "{}", Expect.REFUSED);
    }

    private Hostile wrongMethod() {
        String method = pick(List.of("PUT", "HEAD", "OPTIONS", "TRACE", "CONNECT", "get", "Post", "PROPFIND",
                "X".repeat(1 + random.nextInt(40)), "DELETE", "PATCH"));
        String path = pick(List.of("/version", "/reset", "/populate", "/proxies", "/proxies/" + pick(KEPT) + "/events"));
        if ((method.equals("DELETE") || method.equals("PATCH")) && path.startsWith("/proxies/")) {
            path = "/version";
        }
        return request("wrong-method", method, path, null, Expect.REFUSED);
    }

    private Hostile badQuery() {
        String value = pick(List.of("-1", "x", "1e3", "99999999999999999999999", "", "%00", "0x10"));
        String name = random.nextBoolean() ? "since" : "limit";
        return request("bad-query", "GET", "/proxies/" + pick(KEPT) + "/events?" + name + "=" + value, null,
                value.isEmpty() ? Expect.NO_SERVER_ERROR : Expect.REFUSED);
    }

    /* ---------------------------------------------------------------- names */

    private Hostile duplicateName() {
        String body = "{\"name\":\"" + pick(KEPT) + "\",\"upstream\":\"" + upstream + "\"}";
        if (random.nextBoolean()) {
            return request("duplicate-toxic", "POST", "/proxies/" + KEPT.get(0) + "/toxics",
                    "{\"name\":\"" + KEPT_TOXIC + "\",\"type\":\"latency\"}", Expect.REFUSED);
        }
        if (random.nextBoolean()) {
            String name = throwawayName();
            String entry = "{\"name\":\"" + name + "\",\"upstream\":\"" + upstream + "\"}";
            return request("duplicate-in-populate", "POST", "/populate", "[" + entry + "," + entry + "]",
                    Expect.REFUSED);
        }
        return request("duplicate-proxy", "POST", "/proxies", body, Expect.REFUSED);
    }

    /** Create, delete, delete again (404), then use it (404): several requests in a row through {@link #pending}. */
    private Hostile createThenDeleteTwice() {
        String name = throwawayName();
        pending = new ArrayDeque<>(List.of(
                request("rapid-delete", "DELETE", "/proxies/" + name, null, Expect.NO_SERVER_ERROR),
                request("delete-deleted", "DELETE", "/proxies/" + name, null, Expect.REFUSED),
                request("toxic-on-deleted", "POST", "/proxies/" + name + "/toxics", "{\"type\":\"latency\"}",
                        Expect.REFUSED)));
        return request("rapid-create", "POST", "/proxies", "{\"name\":\"" + name
                + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + upstream + "\"}", Expect.NO_SERVER_ERROR);
    }

    private Hostile validThrowaway() {
        return request("valid-create", "POST", "/proxies", "{\"name\":\"" + throwawayName()
                + "\",\"upstream\":\"" + upstream + "\",\"enabled\":false}", Expect.NO_SERVER_ERROR);
    }

    /* ---------------------------------------------------------------- framing */

    private Hostile partial() {
        byte[] whole = request("x", "POST", "/proxies", "{\"name\":\"" + throwawayName() + "\",\"upstream\":\""
                + upstream + "\"}", Expect.ABANDONED).wire();
        int cut = 1 + random.nextInt(whole.length - 1);
        byte[] part = Arrays.copyOf(whole, cut);
        if (random.nextInt(5) == 0) {
            // Announces far more than it sends.
            part = ("POST /proxies HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n{\"name\":")
                    .getBytes(StandardCharsets.ISO_8859_1);
        }
        return new Hostile("partial", "POST", "/proxies", part, Expect.ABANDONED);
    }

    private Hostile brokenFraming() {
        String wire = pick(List.of(
                "GARBAGE\r\n\r\n",
                "GET\r\n\r\n",
                "GET /version\r\n\r\n",
                "GET /version HTTP/9.9\r\nHost: x\r\n\r\n",
                "GET /version HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
                "GET /version HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
                "POST /proxies HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}",
                "POST /proxies HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
                "POST /proxies HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
                "GET /version HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
                "GET /" + "v".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
                "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003\r\n\r\n"));
        return new Hostile("broken-framing", "?", "?", wire.getBytes(StandardCharsets.ISO_8859_1), Expect.REFUSED);
    }

    private Hostile browser() {
        String[] route = pick(List.of(new String[] {"GET", "/proxies"}, new String[] {"POST", "/reset"},
                new String[] {"DELETE", "/proxies/" + pick(KEPT)}, new String[] {"POST", "/populate"}));
        byte[] wire = wire(route[0], route[1], route[0].equals("GET") ? null : "[]",
                "User-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\n");
        return new Hostile("browser", route[0], route[1], wire, Expect.REFUSED);
    }

    private Hostile oversized() {
        byte[] body = new byte[OVERSIZED];
        Arrays.fill(body, (byte) ' ');
        body[0] = '[';
        body[body.length - 1] = ']';
        return new Hostile("oversized", "POST", "/populate", wire("POST", "/populate", body, ""), Expect.REFUSED);
    }

    /* ---------------------------------------------------------------- helpers */

    private Hostile request(String kind, String method, String path, String body, Expect expect) {
        return new Hostile(kind, method, path, wire(method, path,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), ""), expect);
    }

    private static byte[] wire(String method, String path, String body, String extraHeaders) {
        return wire(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), extraHeaders);
    }

    private static byte[] wire(String method, String path, byte[] body, String extraHeaders) {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n").append(extraHeaders);
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        if (body == null) {
            return headBytes;
        }
        byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private String throwawayName() {
        return THROWAWAY + (serial++);
    }

    private static String nonString(String value) {
        return value.equals("\"\"") ? "7" : value;
    }

    private static String nonBool(String value) {
        return value.equals("true") || value.equals("false") ? "\"yes\"" : value;
    }

    private static String nonObject(String value) {
        return value.startsWith("{") ? "\"str\"" : value;
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            text.append(kind < 6 ? (char) (0x20 + random.nextInt(0x5f))
                    : kind < 8 ? "{}[]\":,\\".charAt(random.nextInt(8))
                    : kind < 9 ? (char) random.nextInt(0x20) : (char) (0x80 + random.nextInt(0x3000)));
        }
        return text.toString();
    }

    private String randomPathText(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_.~%/;=&?#";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
