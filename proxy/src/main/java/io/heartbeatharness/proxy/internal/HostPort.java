package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.proxy.control.ToxiproxyException;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/** {@code host:port} strings as Toxiproxy (that is, Go's net package) reads and writes them. */
public final class HostPort {
    private HostPort() {
    }

    /** {@code 127.0.0.1:8474} or {@code [::1]:8474}. */
    public static String format(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = ip != null ? ip.getHostAddress() : address.getHostString();
        if (ip instanceof Inet6Address || host.contains(":")) {
            int zone = host.indexOf('%');
            return "[" + (zone >= 0 ? host.substring(0, zone) : host) + "]:" + address.getPort();
        }
        return host + ":" + address.getPort();
    }

    /** Splits {@code host:port}; the host may be bracketed IPv6 or empty. */
    static String[] split(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("address " + hostPort + ": missing port in address");
        }
        String host = hostPort.substring(0, colon);
        String port = hostPort.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("address " + hostPort + ": too many colons in address");
        }
        return new String[] {host, port};
    }

    static int port(String hostPort, String port) {
        try {
            int value = Integer.parseInt(port);
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("address " + hostPort + ": invalid port");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address " + hostPort + ": unknown port");
        }
    }

    /**
     * The address to bind for a Toxiproxy {@code listen} value; an empty host means every interface, as in Go.
     *
     * @throws ToxiproxyException (500) with Go's wording when it cannot be parsed or resolved
     */
    public static InetSocketAddress listenAddress(String listen) {
        try {
            String[] parts = split(listen);
            int port = port(listen, parts[1]);
            if (parts[0].isEmpty()) {
                return new InetSocketAddress(port);
            }
            return new InetSocketAddress(InetAddress.getByName(parts[0]), port);
        } catch (IllegalArgumentException e) {
            throw ToxiproxyException.internal("listen tcp " + listen + ": " + e.getMessage());
        } catch (UnknownHostException e) {
            throw ToxiproxyException.internal("listen tcp " + listen + ": lookup " + listen + ": no such host");
        }
    }

    /**
     * The address to dial for a Toxiproxy {@code upstream} value: IP literals are used as they are, host names
     * stay unresolved so each new connection looks them up, as Toxiproxy's {@code net.Dial} does. A value that
     * cannot be parsed is accepted (Toxiproxy does not check it either) and makes every connection fail.
     */
    public static SocketAddress upstreamAddress(String upstream) {
        try {
            String[] parts = split(upstream);
            int port = port(upstream, parts[1]);
            String host = parts[0].isEmpty() ? "127.0.0.1" : parts[0];
            if (isIpLiteral(host)) {
                return new InetSocketAddress(InetAddress.getByName(host), port);
            }
            return InetSocketAddress.createUnresolved(host, port);
        } catch (IllegalArgumentException | UnknownHostException e) {
            return InetSocketAddress.createUnresolved("invalid-upstream.invalid", 1);
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    /**
     * The warning to print when a listener is reachable from beyond this machine (any address but loopback, the
     * wildcard included), or empty: the harness listens on loopback unless the user asks otherwise.
     */
    public static Optional<String> exposureWarning(String what, InetSocketAddress bound) {
        InetAddress ip = bound.getAddress();
        if (ip != null && ip.isLoopbackAddress()) {
            return Optional.empty();
        }
        return Optional.of(what + ": warning: listening on " + format(bound) + ", which is not a loopback address: "
                + "anyone who can reach it can connect through it");
    }

    /** An error message in the words Go's net package uses, e.g. {@code address already in use}. */
    public static String goError(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        int colon = message.lastIndexOf(": ");
        if (message.startsWith("bind(..) failed") && colon >= 0) {
            message = message.substring(colon + 2);
        }
        return message.toLowerCase(Locale.ROOT);
    }
}
