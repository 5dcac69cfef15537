package io.heartbeatharness.junit;

import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.scenario.catalogue.Catalogue;
import io.heartbeatharness.run.MatrixRun;
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

    static final class WithScenariosOfItsOwn {
        @HeartbeatTarget(scenarios = {"half-open/both", "frozen-client"})
        static final Target ORDERS = WithATarget.ORDERS;

        @HeartbeatTarget
        static final Target BILLING = TargetBuilder.server("billing-ws").protocol("ws-json").path("/ws")
                .interval(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(5)).command("true").build();
    }

    static final class WithAScenarioThatIsNone {
        @HeartbeatTarget(scenarios = {"half-open", "frozen"})
        static final Target ORDERS = WithATarget.ORDERS;
    }

    static final class WithAScenarioThatDoesNotApply {
        @HeartbeatTarget(scenarios = "frozen-server")
        static final Target ORDERS = WithATarget.ORDERS;
    }

    @Test
    void aFieldsScenariosNarrowTheMatrixForItsTargetAlone() {
        List<Target> targets = MatrixTargets.of(WithScenariosOfItsOwn.class, List.of());

        assertThat(MatrixRun.plan(Catalogue.select(List.of("half-open", "frozen-client")), targets))
                .extracting(MatrixRun.Planned::displayName)
                .containsExactly("half-open/both [orders-ws]", "half-open/both [billing-ws]",
                        "half-open/upstream [billing-ws]", "half-open/downstream [billing-ws]",
                        "frozen-client [orders-ws]", "frozen-client [billing-ws]");
        assertThat(MatrixRun.plan(Catalogue.select(List.of("frozen-client")), targets))
                .as("within what the matrix names").extracting(MatrixRun.Planned::displayName)
                .containsExactly("frozen-client [orders-ws]", "frozen-client [billing-ws]");
    }

    @Test
    void aFieldsScenarioThatMatchesNoneOrDoesNotApplyIsNamed() {
        assertThatThrownBy(() -> MatrixTargets.of(WithAScenarioThatIsNone.class, List.of()))
                .hasMessage("@HeartbeatTarget(scenarios) WithAScenarioThatIsNone.ORDERS: no scenario matches 'frozen' "
                        + "(see 'list')");
        assertThatThrownBy(() -> MatrixTargets.of(WithAScenarioThatDoesNotApply.class, List.of()))
                .hasMessage("@HeartbeatTarget(scenarios) WithAScenarioThatDoesNotApply.ORDERS: 'frozen-server' selects "
                        + "[frozen-server], none of which applies to this server (ws-json)");
    }

    @Test
    void aFieldNarrowsItsSpecsScenariosFurther() {
        Target fromSpec = WithATarget.ORDERS.withScenarios(List.of("half-open", "frozen-client"));
        Target narrowed = MatrixTargets.narrowed(fromSpec, new String[]{"half-open/both", "latency"}, "field: ");
        assertThat(narrowed.scenarios()).containsExactly("half-open/both");
        assertThatThrownBy(() -> MatrixTargets.narrowed(fromSpec, new String[]{"latency"}, "field: "))
                .hasMessage("field: [latency] has no scenario in common with the ones its spec names, "
                        + "[half-open, frozen-client]");
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
