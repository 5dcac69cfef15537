package io.heartbeatharness.cli;

import io.heartbeatharness.proxy.ProxyServer;
import io.heartbeatharness.proxy.ProxyServerMain;
import io.heartbeatharness.proxy.control.TapLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code proxy}: the embedded fault proxy as a standalone server speaking Toxiproxy's HTTP API. */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = {"Run the embedded fault proxy behind Toxiproxy 2.12's HTTP API until SIGTERM or Ctrl-C.",
                "toxiproxy-java, toxiproxy-cli and Toxiproxy scripts drive it; heartbeat faults and the tap are under "
                        + "/proxies/{name}/faults and /proxies/{name}/events (see docs/embedded-proxy.md)."})
final class ProxyCommand implements Callable<Integer> {

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "API listen host (default ${DEFAULT-VALUE}); a non-loopback host prints a warning")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8474",
            description = "API port, 0 for any (default ${DEFAULT-VALUE}, as Toxiproxy)")
    int port;

    @Option(names = "--config", paramLabel = "FILE",
            description = "proxies to create at start: a JSON array as POST /populate takes (Toxiproxy's -config)")
    Path config;

    @Option(names = "--tap-capacity", paramLabel = "N", defaultValue = "" + TapLog.DEFAULT_CAPACITY,
            description = "recent tap events kept per proxy for /proxies/{name}/events (default ${DEFAULT-VALUE})")
    int tapCapacity;

    @Override
    public Integer call() {
        ProxyServer.Options options = ProxyServer.Options.DEFAULT.withHost(host).withPort(port)
                .withTapCapacity(tapCapacity);
        return ProxyServerMain.serve(options, config, System.out, System.err);
    }
}
