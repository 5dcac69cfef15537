package io.heartbeatharness.protocol;

import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatModel.Pingers;
import io.heartbeatharness.budget.HeartbeatParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProtocolTests {

    @Test
    void aSpecMayNameEveryProtocolButIdleByItsWireName() {
        assertThat(Protocol.declarableIds())
                .containsExactly("ws-json", "ws-control", "socket.io", "mqtt", "mqtt5", "line", "tcp-keepalive");
        for (Protocol protocol : Protocol.values()) {
            if (protocol.declarable()) {
                assertThat(Protocol.parse(protocol.id())).isSameAs(protocol);
            }
            assertThat(protocol.toString()).isEqualTo(protocol.id());
        }
    }

    @Test
    void anUnknownNameFailsNamingTheFieldAndTheKnownNames() {
        for (String unknown : new String[] {"stomp", "idle", "WS-JSON"}) {
            assertThatThrownBy(() -> Protocol.parse(unknown)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("protocol: unknown protocol '" + unknown + "' (known: ws-json, ws-control, socket.io, "
                            + "mqtt, mqtt5, line, tcp-keepalive)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // id,          app,   ws,    handshake, mqtt,  override, announces, path
            "ws-json,       true,  true,  true,      false, false,    false,     /ws",
            "ws-control,    true,  true,  true,      false, false,    false,     /ws",
            "socket.io,     true,  true,  true,      false, false,    true,      /socket.io/",
            "mqtt,          true,  false, true,      true,  false,    false,     /ws",
            "mqtt5,         true,  false, true,      true,  true,     false,     /ws",
            "line,          true,  false, false,     false, false,    false,     /ws",
            "idle,          true,  false, false,     false, false,    false,     /ws",
            "tcp-keepalive, false, false, false,     false, false,    false,     /ws"})
    void capabilities(String id, boolean app, boolean webSocket, boolean handshake, boolean mqtt, boolean override,
                      boolean announces, String path) {
        Protocol protocol = Arrays.stream(Protocol.values()).filter(p -> p.id().equals(id)).findFirst().orElseThrow();
        assertThat(protocol.hasAppHeartbeat()).isEqualTo(app);
        assertThat(protocol.webSocket()).isEqualTo(webSocket);
        assertThat(protocol.connectedAfterHandshake()).isEqualTo(handshake);
        assertThat(protocol.mqttKeepAlive()).isEqualTo(mqtt);
        assertThat(protocol.serverMayOverrideKeepAlive()).isEqualTo(override);
        assertThat(protocol.serverAnnouncesHeartbeat()).isEqualTo(announces);
        assertThat(protocol.defaultPath()).isEqualTo(path);
        assertThat(protocol.standardPath()).isEqualTo(protocol == Protocol.SOCKET_IO
                ? Optional.of("/socket.io/") : Optional.empty());
    }

    @Test
    void webSocketProtocolsAllowPingsFromEitherSideTheOthersOnlyTheirOwn() {
        for (Protocol protocol : Protocol.values()) {
            EnumSet<Pingers> allowed = EnumSet.noneOf(Pingers.class);
            for (Pingers pings : Pingers.values()) {
                if (protocol.allowsPings(pings)) {
                    allowed.add(pings);
                }
            }
            assertThat(allowed).as(protocol.id())
                    .isEqualTo(protocol.webSocket() ? EnumSet.allOf(Pingers.class) : EnumSet.of(protocol.model().pings()));
        }
        assertThat(Protocol.LINE.allowsPings(Pingers.SERVER)).isFalse();
        assertThat(Protocol.TCP_KEEPALIVE.model().pings()).isEqualTo(Pingers.BOTH);
    }

    @Test
    void theDefaultModelDetectsBySweepExactlyWhenASweepPeriodIsDeclared() {
        HeartbeatParams noSweep = HeartbeatParams.SEED_000;
        HeartbeatParams sweep = new HeartbeatParams(Duration.ofSeconds(50), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(1), Duration.ofSeconds(10), true, null, null);
        assertThat(Protocol.LINE.defaultModel(sweep)).isEqualTo(HeartbeatModel.CLIENT_PINGS_SERVER_SWEEPS);
        assertThat(Protocol.LINE.defaultModel(noSweep).detection()).isEqualTo(HeartbeatModel.Detection.DEADLINE);
        assertThat(Protocol.WS_JSON.defaultModel(noSweep)).isEqualTo(HeartbeatModel.SERVER_PINGS);
        assertThat(Protocol.WS_JSON.defaultModel(sweep).detection()).isEqualTo(HeartbeatModel.Detection.SWEEP);
    }
}
