package io.heartbeatharness.reference;

import io.heartbeatharness.protocol.Protocol;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DesignTests {

    @Test
    void everyProtocolHasOneDesignOfItsName() {
        for (Protocol protocol : Protocol.values()) {
            Design design = Design.of(protocol);
            assertThat(design.protocol()).isSameAs(protocol);
            assertThat(design.id()).isEqualTo(protocol.id());
            assertThat(Design.parse(protocol.id())).isSameAs(design);
        }
        assertThat(Design.values()).hasSameSizeAs(Protocol.values());
    }
}
