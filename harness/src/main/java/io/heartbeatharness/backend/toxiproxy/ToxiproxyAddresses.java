package io.heartbeatharness.backend.toxiproxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** Reads the addresses Toxiproxy's API speaks in ({@code host:port}) and the URL a user names a server by. */
final class ToxiproxyAddresses {
    private ToxiproxyAddresses() {
    }

    /** {@code 127.0.0.1:38211} (or {@code [::1]:38211}) as an address. */
    static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not host:port: " + hostPort);
        }
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /**
     * The Toxiproxy API a user named ({@code http://127.0.0.1:8474} or {@code 127.0.0.1:8474}). It must be on this
     * machine: its proxies connect to the cell's servers on loopback, which no other machine can reach.
     */
    static URI apiUrl(String text) {
        URI uri;
        try {
            uri = URI.create(text.contains("://") ? text : "http://" + text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--toxiproxy-url: not a URL: " + text);
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
            throw new IllegalArgumentException("--toxiproxy-url: expected http://HOST:PORT, got " + text);
        }
        if (!isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("--toxiproxy-url: the Toxiproxy must run on this machine (a loopback "
                    + "address such as 127.0.0.1): its proxies connect to the cell's servers on 127.0.0.1; got " + text);
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
