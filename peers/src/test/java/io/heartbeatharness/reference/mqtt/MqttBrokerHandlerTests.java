package io.heartbeatharness.reference.mqtt;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.DeclaredParams;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.RecordingLog;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.reference.VirtualTime;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageFactory;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.netty.handler.codec.mqtt.MqttMessageType.CONNACK;
import static io.netty.handler.codec.mqtt.MqttMessageType.PINGRESP;
import static org.assertj.core.api.Assertions.assertThat;

class MqttBrokerHandlerTests {
    /** Keep Alive 30 s: the broker's limit is 1.5 × K = I + T = 45 s. */
    private static final HeartbeatParams PARAMS = DeclaredParams.MQTT;
    private static final Duration LIMIT = Duration.ofSeconds(45);
    private final RecordingLog recording = new RecordingLog();
    private final VirtualTime time = new VirtualTime();

    private EmbeddedChannel open(Set<KnownBad> flaws) {
        return time.channel(new MqttBrokerInitializer(ServerConfig.loopback(PARAMS).withFlaws(flaws), recording.log()));
    }

    /** A connection whose CONNECT (Keep Alive 30 s) has been accepted. */
    private EmbeddedChannel connect(Set<KnownBad> flaws) {
        EmbeddedChannel channel = open(flaws);
        MqttWire.receive(channel, MqttPackets.connect(MqttVersion.MQTT_3_1_1, "hh0x1", 30));
        assertThat(MqttWire.sentTypes(channel)).containsExactly(CONNACK);
        return channel;
    }

    @Test
    void theLimitIsOneAndAHalfKeepAlives() {
        assertThat(MqttBroker.limit(PARAMS)).isEqualTo(LIMIT);
        assertThat(MqttPackets.keepAliveSeconds(PARAMS.interval()) * 1500L).isEqualTo(LIMIT.toMillis());
    }

    @Test
    void acceptsConnectAndLogsConnectedOnlyOnceConnAckIsWritten() {
        EmbeddedChannel channel = open(Set.of());
        assertThat(recording.events()).isEmpty();
        MqttWire.receive(channel, MqttPackets.connect(MqttVersion.MQTT_3_1_1, "hh0x1", 30));
        List<MqttMessage> sent = MqttWire.sent(channel);
        assertThat(sent).hasSize(1);
        assertThat(((MqttConnAckMessage) sent.get(0)).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        assertThat(recording.events()).containsExactly(PeerEvents.CONNECTED);
        assertThat(recording.last(PeerEvents.CONNECTED).get("client_id").asText()).isEqualTo("hh0x1");
        assertThat(recording.last(PeerEvents.CONNECTED).get("keep_alive_s").asInt()).isEqualTo(30);
        channel.finishAndReleaseAll();
    }

    @Test
    void anMqtt5ClientAskingForAnotherKeepAliveIsAnsweredWithTheBrokersOwn() {
        EmbeddedChannel channel = open(Set.of());
        MqttWire.receive(channel, MqttPackets.connect(MqttVersion.MQTT_5, "hh0x5", 90));
        List<MqttMessage> sent = MqttWire.sentMqtt5(channel);
        assertThat(sent).hasSize(1);
        assertThat(MqttPackets.serverKeepAlive((MqttConnAckMessage) sent.get(0))).hasValue(30);
        assertThat(recording.last(PeerEvents.CONNECTED).get("keep_alive_s").asInt()).isEqualTo(90);
        assertThat(recording.last(PeerEvents.CONNECTED).get("server_keep_alive_s").asInt()).isEqualTo(30);
        // The limit is its own 1.5 × 30 s, whatever the client asked for.
        time.advance(LIMIT.minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        time.advance(Duration.ofMillis(1));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void anMqtt5ClientAskingForTheBrokersKeepAliveGetsNoServerKeepAlive() {
        EmbeddedChannel channel = open(Set.of());
        MqttWire.receive(channel, MqttPackets.connect(MqttVersion.MQTT_5, "hh0x5", 30));
        List<MqttMessage> sent = MqttWire.sentMqtt5(channel);
        assertThat(MqttPackets.serverKeepAlive((MqttConnAckMessage) sent.get(0))).isEmpty();
        channel.finishAndReleaseAll();
    }

    @Test
    void answersPingreqWithPingresp() {
        EmbeddedChannel channel = connect(Set.of());
        for (int beat = 0; beat < 3; beat++) {
            time.advance(PARAMS.interval());
            MqttWire.receive(channel, MqttMessage.PINGREQ);
            assertThat(MqttWire.sentTypes(channel)).containsExactly(PINGRESP);
        }
        assertThat(recording.count(PeerEvents.PING_RECEIVED)).isEqualTo(3);
        assertThat(recording.events()).containsSubsequence(PeerEvents.PING_RECEIVED, PeerEvents.PONG_SENT,
                PeerEvents.PING_RECEIVED, PeerEvents.PONG_SENT);
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void answersSubscribeAndUnsubscribeAndAcknowledgesPublishesAsTheirQosAsks() {
        EmbeddedChannel channel = connect(Set.of());
        MqttWire.receive(channel, MqttMessageBuilders.subscribe().messageId(7)
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "a/#").addSubscription(MqttQoS.AT_MOST_ONCE, "b").build());
        List<MqttMessage> subAck = MqttWire.sent(channel);
        assertThat(MqttWire.types(subAck)).containsExactly(MqttMessageType.SUBACK);
        assertThat(((MqttSubAckMessage) subAck.get(0)).variableHeader().messageId()).isEqualTo(7);
        assertThat(((MqttSubAckMessage) subAck.get(0)).payload().grantedQoSLevels()).containsExactly(0, 0);

        MqttWire.receive(channel, publish(MqttQoS.AT_MOST_ONCE, 0));
        assertThat(MqttWire.sent(channel)).as("QoS 0 wants no answer").isEmpty();
        MqttWire.receive(channel, publish(MqttQoS.AT_LEAST_ONCE, 9));
        List<MqttMessage> pubAck = MqttWire.sent(channel);
        assertThat(MqttWire.types(pubAck)).containsExactly(MqttMessageType.PUBACK);
        assertThat(((MqttMessageIdVariableHeader) pubAck.get(0).variableHeader()).messageId()).isEqualTo(9);

        MqttWire.receive(channel, publish(MqttQoS.EXACTLY_ONCE, 10));
        assertThat(MqttWire.sentTypes(channel)).containsExactly(MqttMessageType.PUBREC);
        MqttWire.receive(channel, MqttMessageFactory.newMessage(
                new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 2),
                MqttMessageIdVariableHeader.from(10), null));
        List<MqttMessage> pubComp = MqttWire.sent(channel);
        assertThat(MqttWire.types(pubComp)).containsExactly(MqttMessageType.PUBCOMP);
        assertThat(((MqttMessageIdVariableHeader) pubComp.get(0).variableHeader()).messageId()).isEqualTo(10);

        MqttWire.receive(channel, MqttMessageBuilders.unsubscribe().messageId(8).addTopicFilter("a/#").build());
        assertThat(MqttWire.sentTypes(channel)).containsExactly(MqttMessageType.UNSUBACK);
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void closesAClientSilentForOneAndAHalfKeepAlivesExactly() {
        EmbeddedChannel channel = connect(Set.of());
        time.advance(PARAMS.interval());
        MqttWire.receive(channel, MqttMessage.PINGREQ);
        MqttWire.sent(channel);
        time.advance(LIMIT.minusMillis(1));
        assertThat(channel.isOpen()).as("silent for just under 1.5 x K").isTrue();
        time.advance(Duration.ofMillis(1));
        assertThat(channel.isOpen()).isFalse();
        assertThat(recording.events()).containsSubsequence(PeerEvents.PEER_DEAD, PeerEvents.CLOSED);
        assertThat(recording.last(PeerEvents.PEER_DEAD).get("reason").asText()).isEqualTo("no packet within 1.5 x keep alive");
        assertThat(recording.last(PeerEvents.CLOSED).get("by").asText()).isEqualTo("self");
        assertThat(MqttWire.sent(channel)).as("3.1.1 has no packet to say why: the socket just closes").isEmpty();
    }

    @Test
    void anyPacketCountsAsLife() {
        EmbeddedChannel channel = connect(Set.of());
        for (int beat = 0; beat < 10; beat++) {
            time.advance(LIMIT.minusMillis(1));
            MqttWire.receive(channel, publish(MqttQoS.AT_MOST_ONCE, 0));
        }
        assertThat(channel.isOpen()).isTrue();
        assertThat(recording.events()).doesNotContain(PeerEvents.PEER_DEAD, PeerEvents.PING_RECEIVED);
        channel.finishAndReleaseAll();
    }

    @Test
    void disconnectClosesTheConnectionAsThePeersDoing() {
        EmbeddedChannel channel = connect(Set.of());
        MqttWire.receive(channel, MqttMessage.DISCONNECT);
        assertThat(channel.isOpen()).isFalse();
        assertThat(recording.last(PeerEvents.CLOSED).get("by").asText()).isEqualTo("peer");
        assertThat(recording.events()).doesNotContain(PeerEvents.PEER_DEAD);
    }

    @Test
    void theFirstPacketMustBeConnectAndOnlyTheFirst() {
        EmbeddedChannel early = open(Set.of());
        MqttWire.receive(early, MqttMessage.PINGREQ);
        assertThat(early.isOpen()).isFalse();
        assertThat(MqttWire.sent(early)).isEmpty();
        assertThat(recording.events()).as("never connected: nothing to report").isEmpty();

        EmbeddedChannel twice = connect(Set.of());
        MqttWire.receive(twice, MqttPackets.connect(MqttVersion.MQTT_3_1_1, "hh0x2", 30));
        assertThat(twice.isOpen()).isFalse();
        assertThat(recording.last(PeerEvents.CLOSED).get("by").asText()).isEqualTo("self");
    }

    @Test
    void refusesAProtocolLevelItDoesNotSpeak() {
        EmbeddedChannel channel = open(Set.of());
        // CONNECT, protocol name "MQTT", level 7, clean session, Keep Alive 60, client id "a".
        MqttWire.receiveBytes(channel, 0x10, 13, 0, 4, 'M', 'Q', 'T', 'T', 7, 0x02, 0, 60, 0, 1, 'a');
        List<MqttMessage> sent = MqttWire.sent(channel);
        assertThat(MqttWire.types(sent)).containsExactly(CONNACK);
        assertThat(((MqttConnAckMessage) sent.get(0)).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
        assertThat(channel.isOpen()).isFalse();
        assertThat(recording.events()).isEmpty();
    }

    @Test
    void aConnectionThatNeverSaysConnectIsLetGoAfterTheLimit() {
        EmbeddedChannel channel = open(Set.of());
        time.advance(LIMIT);
        assertThat(channel.isOpen()).isFalse();
        assertThat(recording.events()).as("no client was ever connected, so none is declared dead").isEmpty();
    }

    @Test
    void knownBadNeverCloseDeclaresTheClientDeadOnceAndKeepsTheConnection() {
        EmbeddedChannel channel = connect(Set.of(KnownBad.NEVER_CLOSE));
        time.advance(LIMIT.multipliedBy(3));
        assertThat(recording.count(PeerEvents.PEER_DEAD)).isEqualTo(1);
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    private static MqttMessage publish(MqttQoS qos, int packetId) {
        return MqttMessageBuilders.publish().topicName("a/b").qos(qos).messageId(packetId)
                .payload(Unpooled.copiedBuffer(new byte[] {1, 2, 3})).build();
    }
}
