package io.heartbeatharness.proxy;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTests {
    @Test
    void idsAreTwentyCharactersOfBase32HexAndUnique() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = RequestIds.next();
            assertThat(id).matches("[0-9a-v]{20}");
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }
}
