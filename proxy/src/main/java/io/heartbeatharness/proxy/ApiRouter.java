package io.heartbeatharness.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.heartbeatharness.proxy.control.ToxicSpec;
import io.heartbeatharness.proxy.control.ToxiproxyException;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routes one request to the proxy server and renders the answer, reproducing Toxiproxy's gorilla/mux routes:
 * an unknown path is {@code 404 page not found}, a known path with another method {@code 405} with no body, and
 * a browser's user agent ({@code Mozilla/…}) {@code 403 User agent not allowed}.
 */
final class ApiRouter {
    private final ProxyServer server;
    private final ExtensionEndpoints extensions;

    public ApiRouter(ProxyServer server) {
        this.server = server;
        this.extensions = new ExtensionEndpoints(server);
    }

    /** Answers one request; never throws. */
    public ApiResponse handle(String method, String uri, String userAgent, byte[] body) {
        QueryStringDecoder decoder = new QueryStringDecoder(uri);
        String[] path;
        Map<String, List<String>> query;
        try {
            path = segments(decoder.path());
            query = decoder.parameters();
        } catch (IllegalArgumentException e) { // a broken %-escape, as Go's url.Parse refuses it
            return ApiResponse.plain(400, "400 Bad Request");
        }
        Set<String> allowed = allowedMethods(path);
        if (allowed.isEmpty()) {
            return ApiResponse.plain(404, "404 page not found");
        }
        if (!allowed.contains(method)) {
            return ApiResponse.empty(405);
        }
        if (userAgent != null && userAgent.startsWith("Mozilla/")) {
            return ApiResponse.plain(403, "User agent not allowed");
        }
        try {
            return route(method, path, query, body);
        } catch (ToxiproxyException e) {
            return ApiResponse.error(e);
        } catch (Exception e) { // Netty rethrows checked I/O exceptions undeclared
            return ApiResponse.error(ToxiproxyException.internal(String.valueOf(e.getMessage())));
        }
    }

    private static String[] segments(String path) {
        if (!path.startsWith("/")) {
            return new String[] {""};
        }
        return path.substring(1).split("/", -1);
    }

    private static Set<String> allowedMethods(String[] p) {
        for (String segment : p) {
            if (segment.isEmpty()) {
                return Set.of();
            }
        }
        return switch (p.length) {
            case 1 -> switch (p[0]) {
                case "version" -> Set.of("GET");
                case "reset", "populate" -> Set.of("POST");
                case "proxies" -> Set.of("GET", "POST");
                default -> Set.of();
            };
            case 2 -> p[0].equals("proxies") ? Set.of("GET", "POST", "PATCH", "DELETE") : Set.of();
            case 3 -> !p[0].equals("proxies") ? Set.of() : switch (p[2]) {
                case "toxics" -> Set.of("GET", "POST");
                case "faults" -> Set.of("GET", "POST", "PATCH", "DELETE");
                case "events" -> Set.of("GET");
                default -> Set.of();
            };
            case 4 -> p[0].equals("proxies") && (p[2].equals("toxics") || p[2].equals("faults"))
                    ? Set.of("GET", "POST", "PATCH", "DELETE") : Set.of();
            default -> Set.of();
        };
    }

    private ApiResponse route(String method, String[] p, Map<String, List<String>> query, byte[] body) {
        if (p.length == 1) {
            return switch (p[0]) {
                case "version" -> new ApiResponse(200, "application/json;charset=utf-8",
                        ("{\"version\": \"" + ProxyServer.TOXIPROXY_VERSION + "\"}\n").getBytes(StandardCharsets.UTF_8),
                        false);
                case "reset" -> reset();
                case "populate" -> populate(body);
                default -> method.equals("GET") ? proxyIndex() : proxyCreate(body);
            };
        }
        String proxyName = p[1];
        if (p.length == 2) {
            return switch (method) {
                case "GET" -> proxyJson(200, server.proxy(proxyName));
                case "DELETE" -> {
                    server.deleteProxy(proxyName);
                    yield ApiResponse.empty(204);
                }
                default -> proxyUpdate(proxyName, body);
            };
        }
        if (p[2].equals("toxics")) {
            return p.length == 3 ? toxics(method, proxyName, body) : toxic(method, proxyName, p[3], body);
        }
        if (p[2].equals("faults")) {
            return p.length == 3 ? extensions.faults(method, proxyName, body)
                    : extensions.fault(method, proxyName, p[3], body);
        }
        return extensions.events(proxyName, query);
    }

    /* ------------------------------------------------------------------ Toxiproxy's endpoints */

    private ApiResponse reset() {
        server.reset();
        return ApiResponse.empty(204);
    }

    private ApiResponse proxyIndex() {
        Map<String, EmbeddedProxy> proxies = server.proxies();
        return ApiResponse.json(200, ApiJson.write(g -> ApiJson.proxyMap(g, proxies)));
    }

    private ApiResponse proxyCreate(byte[] body) {
        JsonNode json = GoJson.read(body, "toxiproxy.Proxy", false);
        String name = GoJson.string(json, "name", "Proxy", "");
        String listen = GoJson.string(json, "listen", "Proxy", "");
        String upstream = GoJson.string(json, "upstream", "Proxy", "");
        boolean enabled = GoJson.bool(json, "enabled", "Proxy", true);
        if (name.isEmpty()) {
            throw ToxiproxyException.missingField("name");
        }
        if (upstream.isEmpty()) {
            throw ToxiproxyException.missingField("upstream");
        }
        return proxyJson(201, server.createProxy(name, listen, upstream, enabled));
    }

    private ApiResponse proxyUpdate(String name, byte[] body) {
        EmbeddedProxy proxy = server.proxy(name);
        JsonNode json = GoJson.read(body, "toxiproxy.Proxy", false);
        String listen = GoJson.string(json, "listen", "Proxy", proxy.listen());
        String upstream = GoJson.string(json, "upstream", "Proxy", proxy.upstream());
        boolean enabled = GoJson.bool(json, "enabled", "Proxy", proxy.isEnabled());
        return proxyJson(200, server.updateProxy(name, listen, upstream, enabled));
    }

    private ApiResponse populate(byte[] body) {
        ProxyServer.PopulateResult result;
        try {
            result = server.populate(definitions(body));
        } catch (ToxiproxyException e) {
            // Toxiproxy answers every populate failure in the populate shape, with "proxies": null.
            result = new ProxyServer.PopulateResult(null, e);
        }
        ToxiproxyException error = result.error();
        ProxyServer.PopulateResult applied = result;
        byte[] out = ApiJson.write(g -> {
            g.writeStartObject();
            if (error != null) {
                g.writeStringField("error", error.getMessage());
                g.writeNumberField("status", error.status());
            }
            g.writeFieldName("proxies");
            ApiJson.proxyList(g, applied.proxies());
            g.writeEndObject();
        });
        return ApiResponse.json(error == null ? 201 : error.status(), out);
    }

    private static List<ProxyServer.ProxyDefinition> definitions(byte[] body) {
        JsonNode json = GoJson.read(body, "[]struct { toxiproxy.Proxy; Enabled *bool \"json:\\\"enabled\\\"\" }", true);
        List<ProxyServer.ProxyDefinition> definitions = new ArrayList<>();
        for (JsonNode entry : json) {
            JsonNode object = GoJson.object(entry, "", "", "struct { toxiproxy.Proxy; Enabled *bool }");
            JsonNode enabled = GoJson.field(object, "enabled");
            definitions.add(new ProxyServer.ProxyDefinition(
                    GoJson.string(object, "name", "Proxy", ""),
                    GoJson.string(object, "listen", "Proxy", ""),
                    GoJson.string(object, "upstream", "Proxy", ""),
                    GoJson.present(enabled) ? GoJson.bool(object, "enabled", "", true) : null));
        }
        return definitions;
    }

    private ApiResponse toxics(String method, String proxyName, byte[] body) {
        EmbeddedProxy proxy = server.proxy(proxyName);
        if (method.equals("GET")) {
            List<ToxicSpec> toxics = proxy.toxics();
            return ApiResponse.json(200, ApiJson.write(g -> ApiJson.toxics(g, toxics)));
        }
        JsonNode json = GoJson.read(body, "toxics.ToxicWrapper", false);
        ToxicSpec spec = ApiJson.newToxic(json, name -> proxy.toxic(name).isPresent());
        ToxicSpec added = proxy.addToxic(spec);
        return ApiResponse.json(200, ApiJson.write(g -> ApiJson.toxic(g, added)));
    }

    private ApiResponse toxic(String method, String proxyName, String toxicName, byte[] body) {
        EmbeddedProxy proxy = server.proxy(proxyName);
        switch (method) {
            case "GET" -> {
                ToxicSpec toxic = proxy.toxic(toxicName).orElseThrow(ToxiproxyException::toxicNotFound);
                return ApiResponse.json(200, ApiJson.write(g -> ApiJson.toxic(g, toxic)));
            }
            case "DELETE" -> {
                proxy.removeToxic(toxicName);
                return ApiResponse.empty(204);
            }
            default -> {
                ToxicSpec current = proxy.toxic(toxicName).orElseThrow(ToxiproxyException::toxicNotFound);
                JsonNode json = GoJson.read(body, "struct { Attributes interface {}; Toxicity float32 }", false);
                ToxicSpec wanted = ApiJson.updatedToxic(json, current);
                ToxicSpec updated = proxy.updateToxic(toxicName, wanted.toxic(), wanted.toxicity());
                return ApiResponse.json(200, ApiJson.write(g -> ApiJson.toxic(g, updated)));
            }
        }
    }

    private static ApiResponse proxyJson(int status, EmbeddedProxy proxy) {
        return ApiResponse.json(status, ApiJson.write(g -> ApiJson.proxy(g, proxy)));
    }
}
