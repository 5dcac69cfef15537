package example;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;

import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * Moquette 0.17 embedded as its README shows: a {@link Server} started from in-memory properties, stopped by a shutdown
 * hook. Usage: {@code MoquetteBroker PORT} (host from {@code HOST}, default 127.0.0.1). Runs in the foreground until
 * SIGTERM.
 *
 * <p>Keep alive needs no setting: Moquette closes a connection that has read nothing for {@code round(1.5 x K)} whole
 * seconds, K being the Keep Alive the client announced in its CONNECT (docs/corpus-java-mqtt.md).
 */
public final class MoquetteBroker {
    private MoquetteBroker() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: MoquetteBroker PORT");
            System.exit(2);
        }
        Properties props = new Properties();
        props.setProperty("host", System.getenv().getOrDefault("HOST", "127.0.0.1"));
        props.setProperty("port", args[0]);
        props.setProperty("allow_anonymous", "true");
        // No H2 or segment files in the working directory: sessions live in memory.
        props.setProperty("persistence_enabled", "false");
        // Moquette 0.17 otherwise posts a usage report to telemetry.moquette.io (and asks whatismyip.akamai.com) at
        // start-up (Server.java:272-273, 371, 388): this broker talks to loopback only.
        props.setProperty("telemetry_enabled", "false");

        Server server = new Server();
        server.startServer(new MemoryConfig(props));
        System.err.println("moquette listening on " + props.getProperty("host") + ":" + args[0]);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stopServer();
            stopped.countDown();
        }, "moquette-stop"));
        stopped.await();
    }
}
