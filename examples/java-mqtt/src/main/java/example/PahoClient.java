package example;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * An Eclipse Paho 1.2.5 client as its users write one: {@code MqttClient} with clean session, a Keep Alive, and the
 * library's own automatic reconnect. Usage: {@code PahoClient HOST PORT}; {@code KEEP_ALIVE_MS} (whole seconds, as
 * MQTT carries it: Paho takes seconds) and {@code MAX_RECONNECT_DELAY_MS} (Paho's {@code setMaxReconnectDelay})
 * from the environment. Runs until SIGTERM.
 *
 * <p>Paho pings on its own timer and declares the connection lost when a PINGREQ is still unanswered one Keep Alive
 * later; automatic reconnect then waits 1 s, doubling after each failed attempt (docs/corpus-java-mqtt.md).
 */
public final class PahoClient {
    private PahoClient() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: PahoClient HOST PORT   (env KEEP_ALIVE_MS, MAX_RECONNECT_DELAY_MS)");
            System.exit(2);
        }
        long keepAliveMs = Long.parseLong(System.getenv().getOrDefault("KEEP_ALIVE_MS", "60000"));
        if (keepAliveMs < 1000 || keepAliveMs % 1000 != 0) {
            System.err.println("PahoClient: KEEP_ALIVE_MS=" + keepAliveMs + " is not a whole number of seconds (MQTT's "
                    + "Keep Alive is in seconds)");
            System.exit(2);
        }
        int maxReconnectDelayMs = Integer.parseInt(System.getenv().getOrDefault("MAX_RECONNECT_DELAY_MS", "128000"));

        MqttConnectOptions options = new MqttConnectOptions();
        options.setKeepAliveInterval((int) (keepAliveMs / 1000));
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(maxReconnectDelayMs);

        String uri = "tcp://" + args[0] + ":" + args[1];
        MqttClient client = new MqttClient(uri, MqttClient.generateClientId(), new MemoryPersistence());
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                log((reconnect ? "reconnected to " : "connected to ") + serverURI);
            }

            @Override
            public void connectionLost(Throwable cause) {
                log("connection lost: " + cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        // Automatic reconnect takes over once a first connect has succeeded; until then, try again every second.
        while (true) {
            try {
                client.connect(options);
                break;
            } catch (MqttException e) {
                log("connect failed: " + e);
                Thread.sleep(1000);
            }
        }
        new CountDownLatch(1).await();
    }

    private static void log(String line) {
        System.err.println(Instant.now() + " " + line);
    }
}
