package io.heartbeatharness.backend;

import io.heartbeatharness.run.Backends;
import io.heartbeatharness.scenario.catalogue.Catalogue;
import io.heartbeatharness.scenario.Scenario;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AutoBackendTests {
    @Test
    void theKernelTakesWhatOnlyItCanMakeWhereItCanRunAndTheEmbeddedProxyEverythingElse() {
        AutoBackend withKernel = new AutoBackend(Optional::empty);
        AutoBackend withoutKernel = new AutoBackend(() -> Optional.of("not root"));
        for (Scenario scenario : Catalogue.all()) {
            String expected = scenario.id().equals("tcp-keepalive/blackhole") ? KernelBackend.ID : EmbeddedBackend.ID;
            assertThat(withKernel.choose(scenario).id()).as(scenario.id()).isEqualTo(expected);
            assertThat(withoutKernel.choose(scenario).id()).as(scenario.id()).isEqualTo(EmbeddedBackend.ID);
            assertThat(withKernel.refusal(scenario)).as(scenario.id()).isEmpty();
        }
    }

    @Test
    void theKernelIsAskedOnceAndOnlyWhenACellNeedsIt() {
        int[] asked = {0};
        AutoBackend auto = new AutoBackend(() -> {
            asked[0]++;
            return Optional.empty();
        });
        Catalogue.all().stream().filter(s -> !s.needsKernelFaults()).forEach(auto::choose);
        assertThat(asked[0]).isZero();
        Catalogue.all().forEach(auto::choose);
        Catalogue.all().forEach(auto::choose);
        assertThat(asked[0]).isEqualTo(1);
    }

    @Test
    void autoIsTheFirstBackendAndOpensNothingItself() {
        assertThat(Backends.ids()).startsWith(AutoBackend.ID);
        assertThat(Backends.parse("auto")).isInstanceOf(AutoBackend.class);
        assertThatThrownBy(() -> new AutoBackend().open(null)).isInstanceOf(IllegalStateException.class);
    }
}
