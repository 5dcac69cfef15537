package io.heartbeatharness.junit;

import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.spec.TargetBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatrixTargetsTests {
    static final class WithATarget {
        @HeartbeatTarget
        static final Target ORDERS = TargetBuilder.server("orders-ws").protocol("ws-json").path("/ws")
                .interval(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(5)).command("true").build();
    }

    static final class WithAnInstanceField {
        @HeartbeatTarget
        final Target orders = WithATarget.ORDERS;
    }

    @Test
    void noNamesMeansTheClassesTargetsOrElseEveryReferenceImplementation() {
        assertThat(MatrixTargets.of(WithATarget.class, List.of())).containsExactly(WithATarget.ORDERS);
        assertThat(MatrixTargets.of(MatrixTargetsTests.class, List.of())).isEqualTo(ReferenceTargets.all());
    }

    @Test
    void namesPickTheClassesTargetsAndReferenceImplementations() {
        List<Target> targets = MatrixTargets.of(WithATarget.class, List.of("orders-ws", "ws-json server"));
        assertThat(targets).extracting(Target::name).containsExactly("orders-ws", "ws-json server");
    }

    @Test
    void aFieldThatIsNotStaticIsNamed() {
        assertThatThrownBy(() -> MatrixTargets.of(WithAnInstanceField.class, List.of()))
                .hasMessage("@HeartbeatTarget WithAnInstanceField.orders: must be a static field of type "
                        + Target.class.getName());
    }
}
