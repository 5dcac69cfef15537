package io.heartbeatharness.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.heartbeatharness.proxy.control.ProxyFaults;
import io.heartbeatharness.proxy.control.ToxiproxyException;

import java.util.List;
import java.util.Map;

/**
 * The API's endpoints beyond Toxiproxy's: {@code /proxies/{name}/faults[/{fault}]} for the heartbeat faults and
 * {@code /proxies/{name}/events} for the tap.
 */
final class ExtensionEndpoints {
    private static final int MAX_EVENTS = 10_000;
    private static final int DEFAULT_EVENTS = 1_000;

    private final ProxyServer server;

    ExtensionEndpoints(ProxyServer server) {
        this.server = server;
    }

    ApiResponse faults(String method, String proxyName, byte[] body) {
        EmbeddedProxy proxy = server.proxy(proxyName);
        switch (method) {
            case "GET" -> {
                return faultsJson(proxy.faults());
            }
            case "DELETE" -> {
                proxy.clearFaults();
                return ApiResponse.empty(204);
            }
            default -> {
                JsonNode json = GoJson.read(body, "faults", false);
                ProxyFaults wanted = ApiJson.faults(json, proxy.faults());
                proxy.faults(wanted);
                return faultsJson(proxy.faults());
            }
        }
    }

    private static ApiResponse faultsJson(ProxyFaults faults) {
        return ApiResponse.json(200, ApiJson.write(g -> ApiJson.faults(g, faults)));
    }

    ApiResponse fault(String method, String proxyName, String fault, byte[] body) {
        EmbeddedProxy proxy = server.proxy(proxyName);
        if (!Faults.ALL.contains(fault)) {
            throw new ToxiproxyException(404, "fault not found");
        }
        switch (method) {
            case "GET" -> {
                ProxyFaults faults = proxy.faults();
                return ApiResponse.json(200, ApiJson.write(g -> ApiJson.fault(g, fault, faults)));
            }
            case "DELETE" -> {
                proxy.faults(ApiJson.fault(fault, cleared(fault), proxy.faults()));
                return ApiResponse.empty(204);
            }
            default -> {
                JsonNode json = GoJson.read(body, fault, false);
                proxy.faults(ApiJson.fault(fault, json, proxy.faults()));
                ProxyFaults faults = proxy.faults();
                return ApiResponse.json(200, ApiJson.write(g -> ApiJson.fault(g, fault, faults)));
            }
        }
    }

    private static JsonNode cleared(String fault) {
        return fault.equals(Faults.BLACKHOLE)
                ? GoJson.MAPPER.createObjectNode().put("upstream", false).put("downstream", false)
                : GoJson.MAPPER.createObjectNode().put("timeout", 0);
    }

    ApiResponse events(String proxyName, Map<String, List<String>> query) {
        EmbeddedProxy proxy = server.proxy(proxyName);
        long since = number(query, "since", 0, Long.MAX_VALUE);
        int limit = (int) number(query, "limit", DEFAULT_EVENTS, MAX_EVENTS);
        return ApiResponse.json(200, ApiJson.write(g -> ApiJson.events(g, proxy.events(since, limit))));
    }

    private static long number(Map<String, List<String>> query, String name, long fallback, long max) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(values.get(0));
            if (value < 0) {
                throw new NumberFormatException();
            }
            return Math.min(value, max);
        } catch (NumberFormatException e) {
            throw new ToxiproxyException(400, "invalid query parameter " + name + ": " + values.get(0));
        }
    }
}
