package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.proxy.control.ToxiproxyException;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostPortTests {
    @Test
    void formatsAddressesAsGoDoes() {
        assertThat(HostPort.format(new InetSocketAddress("127.0.0.1", 8474))).isEqualTo("127.0.0.1:8474");
        assertThat(HostPort.format(new InetSocketAddress("::1", 8474))).isEqualTo("[0:0:0:0:0:0:0:1]:8474");
    }

    @Test
    void readsListenAddressesIncludingBracketedIpv6AndAnEmptyHost() {
        assertThat(HostPort.listenAddress("127.0.0.1:0").getAddress().isLoopbackAddress()).isTrue();
        assertThat(HostPort.listenAddress("[::1]:5").getPort()).isEqualTo(5);
        assertThat(HostPort.listenAddress(":7").getAddress().isAnyLocalAddress()).isTrue();
    }

    @Test
    void onlyAListenerBeyondLoopbackIsWarnedAbout() {
        assertThat(HostPort.exposureWarning("proxy a", new InetSocketAddress("127.0.0.1", 5))).isEmpty();
        assertThat(HostPort.exposureWarning("proxy a", new InetSocketAddress("::1", 5))).isEmpty();
        assertThat(HostPort.exposureWarning("proxy a", new InetSocketAddress(5)))
                .hasValueSatisfying(w -> assertThat(w).startsWith("proxy a: warning: listening on ")
                        .contains("not a loopback address"));
        assertThat(HostPort.exposureWarning("proxy a", new InetSocketAddress("192.0.2.7", 5))).isPresent();
    }

    @Test
    void rejectsListenAddressesWithGosMessages() {
        assertThatThrownBy(() -> HostPort.listenAddress("nohost"))
                .isInstanceOf(ToxiproxyException.class)
                .hasMessage("listen tcp nohost: address nohost: missing port in address");
        assertThatThrownBy(() -> HostPort.listenAddress("127.0.0.1:http2"))
                .hasMessage("listen tcp 127.0.0.1:http2: address 127.0.0.1:http2: unknown port");
    }

    @Test
    void leavesUpstreamHostNamesUnresolvedSoEachConnectionLooksThemUp() {
        InetSocketAddress upstream = (InetSocketAddress) HostPort.upstreamAddress("localhost:6379");
        assertThat(upstream.isUnresolved()).isTrue();
        assertThat(((InetSocketAddress) HostPort.upstreamAddress("127.0.0.1:6379")).isUnresolved()).isFalse();
    }
}
