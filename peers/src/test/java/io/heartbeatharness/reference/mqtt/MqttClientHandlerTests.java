package io.heartbeatharness.reference.mqtt;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.DeclaredParams;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.RecordingLog;
import io.heartbeatharness.reference.VirtualTime;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static io.netty.handler.codec.mqtt.MqttMessageType.PINGREQ;
import static org.assertj.core.api.Assertions.assertThat;

class MqttClientHandlerTests {
    /** Keep Alive 30 s = I; a PINGRESP is due within T = 15 s. */
    private static final HeartbeatParams PARAMS = DeclaredParams.MQTT;
    private final RecordingLog recording = new RecordingLog();
    private final VirtualTime time = new VirtualTime();

    private EmbeddedChannel open(Set<KnownBad> flaws) {
        ClientConfig config = ClientConfig.loopback(1883, PARAMS).withFlaws(flaws);
        time.slot(recording.log(), config);
        return time.channel(new MqttClientInitializer(config, recording.log(), time.attempt(), MqttVersion.MQTT_3_1_1,
                new AtomicReference<>()));
    }

    /** A connection the broker has accepted. */
    private EmbeddedChannel connect(Set<KnownBad> flaws) {
        EmbeddedChannel channel = open(flaws);
        MqttWire.sent(channel);
        MqttWire.receive(channel, MqttPackets.connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED));
        return channel;
    }

    @Test
    void opensWithAConnectAnnouncingTheIntervalAsKeepAlive() {
        EmbeddedChannel channel = open(Set.of());
        List<MqttMessage> sent = MqttWire.sent(channel);
        assertThat(sent).hasSize(1);
        MqttConnectMessage connect = (MqttConnectMessage) sent.get(0);
        assertThat(connect.variableHeader().version()).isEqualTo(MqttVersion.MQTT_3_1_1.protocolLevel());
        assertThat(connect.variableHeader().isCleanSession()).isTrue();
        assertThat(connect.variableHeader().keepAliveTimeSeconds()).isEqualTo(30);
        assertThat(connect.payload().clientIdentifier()).matches("[0-9a-zA-Z]{1,23}");
        assertThat(recording.events()).as("not connected before CONNACK").doesNotContain(PeerEvents.CONNECTED);
        channel.finishAndReleaseAll();
    }

    @Test
    void keepAliveIsTheIntervalInWholeSecondsRoundedUpAndNeverZero() {
        assertThat(MqttPackets.keepAliveSeconds(Duration.ofMillis(3000))).isEqualTo(3);
        assertThat(MqttPackets.keepAliveSeconds(Duration.ofMillis(2500))).isEqualTo(3);
        assertThat(MqttPackets.keepAliveSeconds(Duration.ofMillis(200))).isEqualTo(1);
        assertThat(MqttPackets.keepAliveSeconds(Duration.ofDays(2))).isEqualTo(65_535);
    }

    @Test
    void connectedOnConnAckThenPingreqEveryInterval() {
        EmbeddedChannel channel = connect(Set.of());
        assertThat(recording.events()).containsSubsequence(PeerEvents.CONNECTING, PeerEvents.CONNECTED);
        assertThat(recording.last(PeerEvents.CONNECTED).get("slot").asInt()).isZero();
        for (int beat = 0; beat < 3; beat++) {
            time.advance(PARAMS.interval().minusMillis(1));
            assertThat(MqttWire.sent(channel)).isEmpty();
            time.advance(Duration.ofMillis(1));
            assertThat(MqttWire.sentTypes(channel)).containsExactly(PINGREQ);
            MqttWire.receive(channel, MqttMessage.PINGRESP);
        }
        assertThat(recording.count(PeerEvents.PING_SENT)).isEqualTo(3);
        assertThat(recording.count(PeerEvents.PONG_RECEIVED)).isEqualTo(3);
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void underMqtt5TheBrokersServerKeepAliveSetsThePingInterval() {
        ClientConfig config = ClientConfig.loopback(1883, PARAMS);
        time.slot(recording.log(), config);
        AtomicReference<Duration> given = new AtomicReference<>();
        EmbeddedChannel channel = time.channel(new MqttClientInitializer(config, recording.log(), time.attempt(),
                MqttVersion.MQTT_5, given));
        MqttConnectMessage connect = (MqttConnectMessage) MqttWire.sent(channel).get(0);
        assertThat(connect.variableHeader().version()).isEqualTo(MqttVersion.MQTT_5.protocolLevel());
        assertThat(connect.variableHeader().keepAliveTimeSeconds()).isEqualTo(30);
        MqttWire.receiveMqtt5(channel, MqttPackets.acceptWithServerKeepAlive(10));
        assertThat(recording.last(PeerEvents.CONNECTED).get("server_keep_alive_s").asInt()).isEqualTo(10);
        time.advance(Duration.ofSeconds(10).minusMillis(1));
        assertThat(MqttWire.sent(channel)).isEmpty();
        time.advance(Duration.ofMillis(1));
        assertThat(MqttWire.sentTypes(channel)).containsExactly(PINGREQ);
        channel.finishAndReleaseAll();
        // The next connection waits for its CONNACK by the Keep Alive in force: 10 s + T, not the 30 s it asks for.
        assertThat(given.get()).isEqualTo(Duration.ofSeconds(10));
        EmbeddedChannel next = time.channel(new MqttClientInitializer(config, recording.log(), time.attempt(),
                MqttVersion.MQTT_5, given));
        time.advance(Duration.ofSeconds(10).plus(PARAMS.timeout()).minusMillis(1));
        assertThat(next.isOpen()).isTrue();
        time.advance(Duration.ofMillis(1));
        assertThat(next.isOpen()).isFalse();
    }

    @Test
    void declaresTheBrokerDeadTimeoutAfterAnUnansweredPingreqAndReconnectsOnce() {
        EmbeddedChannel channel = connect(Set.of());
        time.advance(PARAMS.interval());
        assertThat(MqttWire.sentTypes(channel)).containsExactly(PINGREQ);
        time.advance(PARAMS.timeout().minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        time.advance(Duration.ofMillis(1));
        assertThat(channel.isOpen()).isFalse();
        assertThat(recording.events()).containsSubsequence(PeerEvents.PEER_DEAD, PeerEvents.RECONNECT_SCHEDULED, PeerEvents.CLOSED);
        assertThat(recording.last(PeerEvents.PEER_DEAD).get("reason").asText()).isEqualTo("no PINGRESP within timeout");
        assertThat(recording.last(PeerEvents.CLOSED).get("by").asText()).isEqualTo("self");
        assertThat(recording.last(PeerEvents.CLOSED).get("handshake_done").asBoolean()).isTrue();
        assertThat(recording.count(PeerEvents.RECONNECT_SCHEDULED)).as("pong timeout and channelInactive: one reconnect").isEqualTo(1);
        long delay = recording.last(PeerEvents.RECONNECT_SCHEDULED).get("delay_ms").asLong();
        assertThat(delay).isBetween(0L, PARAMS.backoffInitial().toMillis());
        time.advance(Duration.ofMillis(delay));
        assertThat(time.connects()).isEqualTo(2);
    }

    @Test
    void theBrokerClosingSchedulesAReconnect() {
        EmbeddedChannel channel = connect(Set.of());
        channel.close();
        assertThat(recording.count(PeerEvents.RECONNECT_SCHEDULED)).isEqualTo(1);
        assertThat(recording.last(PeerEvents.CLOSED).get("by").asText()).isEqualTo("peer");
    }

    @Test
    void aConnAckThatNeverComesIsGivenUpAfterIntervalPlusTimeout() {
        EmbeddedChannel channel = open(Set.of());
        MqttWire.sent(channel);
        time.advance(PARAMS.interval().plus(PARAMS.timeout()).minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        time.advance(Duration.ofMillis(1));
        assertThat(channel.isOpen()).isFalse();
        assertThat(recording.events()).containsSubsequence(PeerEvents.CONNECT_FAILED, PeerEvents.RECONNECT_SCHEDULED, PeerEvents.CLOSED);
        assertThat(recording.events()).doesNotContain(PeerEvents.CONNECTED, PeerEvents.PEER_DEAD);
        assertThat(recording.last(PeerEvents.CLOSED).get("handshake_done").asBoolean()).isFalse();
        assertThat(recording.count(PeerEvents.RECONNECT_SCHEDULED)).isEqualTo(1);
    }

    @Test
    void aRefusedConnectIsClosedAndTriedAgainLater() {
        EmbeddedChannel channel = open(Set.of());
        MqttWire.receive(channel, MqttPackets.connAck(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE));
        assertThat(channel.isOpen()).isFalse();
        assertThat(recording.last(PeerEvents.CONNECT_FAILED).get("cause").asText()).contains("SERVER_UNAVAILABLE");
        assertThat(recording.events()).doesNotContain(PeerEvents.CONNECTED);
        assertThat(recording.count(PeerEvents.RECONNECT_SCHEDULED)).isEqualTo(1);
    }

    @Test
    void theBackoffGrowsWhileNoBrokerAcceptsAndStartsOverOnceOneDoes() {
        ClientConfig config = ClientConfig.loopback(1883, PARAMS).withFlaws(Set.of(KnownBad.NO_JITTER));
        time.slot(recording.log(), config);
        for (int attempt = 0; attempt < 3; attempt++) {
            time.channel(new MqttClientInitializer(config, recording.log(), time.attempt(), MqttVersion.MQTT_3_1_1,
                new AtomicReference<>()));
            time.advance(PARAMS.interval().plus(PARAMS.timeout()));
            time.advance(PARAMS.backoffMax());
        }
        EmbeddedChannel accepted = time.channel(new MqttClientInitializer(config, recording.log(), time.attempt(), MqttVersion.MQTT_3_1_1,
                new AtomicReference<>()));
        MqttWire.receive(accepted, MqttPackets.connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED));
        accepted.close();
        assertThat(recording.all(PeerEvents.RECONNECT_SCHEDULED).stream().map(e -> e.get("delay_ms").asLong()))
                .containsExactly(1000L, 2000L, 4000L, 1000L);
        assertThat(recording.count(PeerEvents.RECONNECTED)).isEqualTo(0);
    }

    @Test
    void knownBadNeverPingSendsNoPingreqAndSoNeverNoticesADeadBroker() {
        EmbeddedChannel channel = connect(Set.of(KnownBad.NEVER_PING));
        time.advance(PARAMS.interval().plus(PARAMS.timeout()).multipliedBy(3));
        assertThat(MqttWire.sent(channel)).isEmpty();
        assertThat(channel.isOpen()).isTrue();
        assertThat(recording.events()).doesNotContain(PeerEvents.PEER_DEAD);
        channel.finishAndReleaseAll();
    }
}
