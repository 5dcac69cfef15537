package io.heartbeatharness.reference.mqtt;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageFactory;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The MQTT wire format as both reference sides use it — 3.1.1, or 5 when the client opens with it: Netty's codec
 * (which takes the version from the CONNECT it encodes or decodes), the CONNECT a client opens with, how its Keep
 * Alive is derived from the heartbeat interval, and MQTT 5's Server Keep Alive.
 */
public final class MqttPackets {
    /** Keep Alive is a two-byte count of seconds (MQTT 3.1.1 §3.1.2.10). */
    static final int MAX_KEEP_ALIVE_S = 65_535;

    private MqttPackets() {
    }

    /** Adds the codec; handlers after it read and write {@link MqttMessage}s. */
    public static void addCodec(ChannelPipeline pipeline) {
        pipeline.addLast("mqtt-decoder", new MqttDecoder())
                .addLast("mqtt-encoder", MqttEncoder.INSTANCE);
    }

    /**
     * The Keep Alive a client announces for a ping interval I: whole seconds, rounded up so that the broker's
     * 1.5 × K never falls short of the client's own rhythm; at least 1, since 0 would turn keep alive off.
     */
    public static int keepAliveSeconds(Duration interval) {
        long seconds = (interval.toMillis() + 999) / 1000;
        return (int) Math.max(1, Math.min(MAX_KEEP_ALIVE_S, seconds));
    }

    /**
     * A client identifier unique to this process and slot. Letters and digits only, at most 23 characters: the
     * only identifiers every 3.1.1 broker must accept (§3.1.3.1).
     */
    static String clientId(int slot) {
        return "hh" + slot + "x" + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000);
    }

    /** CONNECT in {@code version} (3.1.1 or 5), clean session, no will, no credentials. */
    static MqttConnectMessage connect(MqttVersion version, String clientId, int keepAliveSeconds) {
        return MqttMessageBuilders.connect()
                .protocolVersion(version)
                .clientId(clientId)
                .cleanSession(true)
                .keepAlive(keepAliveSeconds)
                .build();
    }

    static MqttConnAckMessage connAck(MqttConnectReturnCode code) {
        return MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).build();
    }

    /**
     * The CONNACK that accepts an MQTT 5 client which asked for another Keep Alive than the broker keeps: its Server
     * Keep Alive property replaces the client's (MQTT 5 §3.2.2.3.14).
     */
    static MqttConnAckMessage acceptWithServerKeepAlive(int seconds) {
        return MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED).sessionPresent(false)
                .properties(p -> p.serverKeepAlive(seconds)).build();
    }

    /** The Server Keep Alive a CONNACK carries, in seconds; empty when it has none (and always under 3.1.1). */
    static OptionalInt serverKeepAlive(MqttConnAckMessage connAck) {
        MqttProperties.MqttProperty<?> property = connAck.variableHeader().properties()
                .getProperty(MqttProperties.SERVER_KEEP_ALIVE);
        return property != null && property.value() instanceof Integer seconds ? OptionalInt.of(seconds) : OptionalInt.empty();
    }

    /** An acknowledgement that carries only the packet identifier it answers: PUBACK, PUBREC, PUBCOMP, UNSUBACK. */
    static MqttMessage reply(MqttMessageType type, int packetId) {
        return MqttMessageFactory.newMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 2),
                MqttMessageIdVariableHeader.from(packetId), null);
    }
}
