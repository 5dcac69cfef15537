package io.heartbeatharness.proxy;

import io.heartbeatharness.proxy.internal.Transports;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link ProxyServer} as a process of its own until SIGTERM or Ctrl-C, like {@code toxiproxy-server}
 * (behind {@code heartbeat-harness.jar proxy}).
 *
 * <pre>
 *   java -cp harness.jar io.heartbeatharness.proxy.ProxyServerMain [--host H] [--port P] [--config FILE]
 * </pre>
 */
public final class ProxyServerMain {
    private ProxyServerMain() {
    }

    public static void main(String[] args) {
        ProxyServer.Options options = ProxyServer.Options.DEFAULT;
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--host" -> options = options.withHost(required(args[i], value));
                case "--port" -> options = options.withPort(Integer.parseInt(required(args[i], value)));
                case "--config" -> config = Path.of(required(args[i], value));
                case "--tap-capacity" -> options = options.withTapCapacity(Integer.parseInt(required(args[i], value)));
                case "--threads" -> options = options.withProxyThreads(Integer.parseInt(required(args[i], value)));
                default -> {
                    System.err.println("proxy: unknown option " + args[i]);
                    System.exit(2);
                }
            }
            i++;
        }
        System.exit(serve(options, config, System.out, System.err));
    }

    private static String required(String option, String value) {
        if (value == null) {
            System.err.println("proxy: " + option + " needs a value");
            System.exit(2);
        }
        return value;
    }

    /**
     * Serves until the JVM is asked to stop, then closes every proxy and connection; returns the exit status
     * (1 when the API cannot listen, 2 when the config file cannot be read or applied).
     */
    public static int serve(ProxyServer.Options options, Path config, PrintStream out, PrintStream err) {
        if (!isLoopback(options.host())) {
            err.println("proxy: warning: the API listens on " + options.host() + ", which is not a loopback address: "
                    + "anyone who can reach it can make this machine open connections anywhere");
        }
        ProxyServer server;
        try {
            server = ProxyServer.start(options);
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            out.println("proxy: stopped");
            out.flush();
            stopped.countDown();
        }, "proxy-shutdown"));
        if (config != null) {
            String problem = populate(server, config);
            if (problem != null) {
                err.println("proxy: " + config + ": " + problem);
                return 2;
            }
        }
        out.printf("proxy: Toxiproxy %s API listening on %s (%s transport)%n", ProxyServer.TOXIPROXY_VERSION,
                server.url(), Transports.name());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Applies a Toxiproxy config file (the JSON array {@code /populate} takes); returns a problem or null. */
    private static String populate(ProxyServer server, Path config) {
        byte[] body;
        try {
            body = Files.readAllBytes(config);
        } catch (IOException e) {
            return "cannot read: " + e.getMessage();
        }
        ApiResponse answer = new ApiRouter(server).handle("POST", "/populate", null, body);
        return answer.status() == 201 ? null : new String(answer.body(), StandardCharsets.UTF_8).trim();
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
