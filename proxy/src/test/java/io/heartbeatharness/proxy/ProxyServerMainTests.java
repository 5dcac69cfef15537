package io.heartbeatharness.proxy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyServerMainTests {
    @Test
    void onlyLoopbackHostsPassWithoutAWarning() {
        assertThat(ProxyServerMain.isLoopback("127.0.0.1")).isTrue();
        assertThat(ProxyServerMain.isLoopback("localhost")).isTrue();
        assertThat(ProxyServerMain.isLoopback("::1")).isTrue();
        assertThat(ProxyServerMain.isLoopback("0.0.0.0")).isFalse();
        assertThat(ProxyServerMain.isLoopback("no-such-host.invalid")).isFalse();
    }
}
