package io.heartbeatharness.reference.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayList;
import java.util.List;

/** Writes MQTT packets into, and reads them out of, an {@link EmbeddedChannel} whose pipeline has the MQTT codec. */
final class MqttWire {
    private MqttWire() {
    }

    /** Delivers {@code message}, encoded as a peer would send it, to {@code channel}. */
    static void receive(EmbeddedChannel channel, MqttMessage message) {
        deliver(new EmbeddedChannel(MqttEncoder.INSTANCE), channel, message);
    }

    /** Like {@link #receive}, encoded as an MQTT 5 peer would: the encoder learns the version from a CONNECT first. */
    static void receiveMqtt5(EmbeddedChannel channel, MqttMessage message) {
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        encoder.writeOutbound(MqttPackets.connect(MqttVersion.MQTT_5, "hh0x5", 1));
        encoder.releaseOutbound();
        deliver(encoder, channel, message);
    }

    private static void deliver(EmbeddedChannel encoder, EmbeddedChannel channel, MqttMessage message) {
        encoder.writeOutbound(message);
        ByteBuf out;
        while ((out = encoder.readOutbound()) != null) {
            channel.writeInbound(out);
        }
        encoder.finishAndReleaseAll();
    }

    /** Like {@link #sent}, decoded as an MQTT 5 peer would: the decoder learns the version from a CONNECT first. */
    static List<MqttMessage> sentMqtt5(EmbeddedChannel channel) {
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        encoder.writeOutbound(MqttPackets.connect(MqttVersion.MQTT_5, "hh0x5", 1));
        EmbeddedChannel decoder = new EmbeddedChannel(new MqttDecoder());
        decoder.writeInbound((Object) encoder.readOutbound());
        decoder.releaseInbound();
        encoder.finishAndReleaseAll();
        return decode(channel, decoder);
    }

    static void receiveBytes(EmbeddedChannel channel, int... bytes) {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        channel.writeInbound(Unpooled.wrappedBuffer(raw));
    }

    /** Every packet written so far and not yet read, decoded, in order. */
    static List<MqttMessage> sent(EmbeddedChannel channel) {
        return decode(channel, new EmbeddedChannel(new MqttDecoder()));
    }

    private static List<MqttMessage> decode(EmbeddedChannel channel, EmbeddedChannel decoder) {
        Object out;
        while ((out = channel.readOutbound()) != null) {
            decoder.writeInbound(out);
        }
        List<MqttMessage> packets = new ArrayList<>();
        Object in;
        while ((in = decoder.readInbound()) != null) {
            packets.add((MqttMessage) in);
            // Only PUBLISH holds a buffer; tests look at headers, never payloads.
            ReferenceCountUtil.release(in);
        }
        decoder.finishAndReleaseAll();
        return packets;
    }

    static List<MqttMessageType> types(List<MqttMessage> packets) {
        return packets.stream().map(p -> p.fixedHeader().messageType()).toList();
    }

    static List<MqttMessageType> sentTypes(EmbeddedChannel channel) {
        return types(sent(channel));
    }
}
