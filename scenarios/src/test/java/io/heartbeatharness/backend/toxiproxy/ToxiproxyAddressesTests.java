package io.heartbeatharness.backend.toxiproxy;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToxiproxyAddressesTests {

    @Test
    void aLoopbackUrlIsAccepted() {
        assertThat(ToxiproxyAddresses.apiUrl("http://127.0.0.1:8474").getPort()).isEqualTo(8474);
        assertThat(ToxiproxyAddresses.apiUrl("localhost:8474").getHost()).isEqualTo("localhost");
    }

    @Test
    void aToxiproxyOnAnotherMachineIsRefusedWithTheReason() {
        assertThatThrownBy(() -> ToxiproxyAddresses.apiUrl("http://192.0.2.1:8474"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--toxiproxy-url").hasMessageContaining("must run on this machine");
    }

    @Test
    void aUrlWithoutPortOrWithAnotherSchemeIsRefused() {
        assertThatThrownBy(() -> ToxiproxyAddresses.apiUrl("http://127.0.0.1")).hasMessageContaining("http://HOST:PORT");
        assertThatThrownBy(() -> ToxiproxyAddresses.apiUrl("ftp://127.0.0.1:21")).hasMessageContaining("http://HOST:PORT");
    }

    @Test
    void listenAddressesAreRead() {
        assertThat(ToxiproxyAddresses.parse("127.0.0.1:38211")).isEqualTo(new InetSocketAddress("127.0.0.1", 38211));
        assertThat(ToxiproxyAddresses.parse("[::1]:38211").getPort()).isEqualTo(38211);
    }
}
