package io.heartbeatharness.scenario;

import io.heartbeatharness.target.Readiness;
import io.heartbeatharness.target.ReferenceTargets;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.target.TargetLaunch;
import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatModel.Liveness;
import io.heartbeatharness.budget.HeartbeatModel.Pingers;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.protocol.Protocol;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.scenario.halfopen.HalfOpen;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which one-way faults a target can notice by itself, from its heartbeat model alone. */
class HeartbeatModelTests {
    private static final HeartbeatParams PARAMS = ReferenceTargets.params(Design.WS_CONTROL);

    private static Target target(String role, String pings, String alive) {
        HeartbeatModel model = new HeartbeatModel(HeartbeatModel.parse(Pingers.class, "pings", pings),
                HeartbeatModel.parse(Liveness.class, "alive", alive), HeartbeatModel.Detection.DEADLINE);
        TargetLaunch launch = new TargetLaunch.Command(List.of("true"), Map.of(), Path.of("."),
                new Readiness.Delay(java.time.Duration.ZERO, java.time.Duration.ofSeconds(1)));
        return new Target("t", "server".equals(role) ? Side.SERVER : Side.CLIENT, Protocol.WS_CONTROL, PARAMS, launch, "/", model);
    }

    @ParameterizedTest(name = "{0} pings={1} alive={2}: upstream {3}, downstream {4}")
    @CsvSource({
            // A server hears upstream; a client hears downstream: losing what it hears is always noticed.
            "server, server, pong, true,  true",
            "server, server, any,  true,  true",
            // Only the client pings: a server that only answers never learns its answers are lost.
            "server, client, pong, true,  false",
            // Both ping: its own pings go unanswered, but the client's still arrive and count as life if any frame does.
            "server, both,   pong, true,  true",
            "server, both,   any,  true,  false",
            // A client that only answers the server's pings: lost answers are the server's to notice.
            "client, server, pong, false, true",
            // A client that pings notices its own pings going unanswered...
            "client, client, pong, true,  true",
            "client, client, any,  true,  true",
            // ...unless the server's own pings still reach it and count as life.
            "client, both,   pong, true,  true",
            "client, both,   any,  false, true",
    })
    void oneWayLossAppliesWhereTheTargetCanNoticeIt(String role, String pings, String alive, boolean upstream,
                                                    boolean downstream) {
        Target target = target(role, pings, alive);
        assertThat(HalfOpen.both().appliesTo(target)).isTrue();
        assertThat(HalfOpen.upstream().appliesTo(target)).as("half-open/upstream").isEqualTo(upstream);
        assertThat(HalfOpen.downstream().appliesTo(target)).as("half-open/downstream").isEqualTo(downstream);
    }

    @ParameterizedTest(name = "{0} {1}: the target pings {2}, its counterpart {3}")
    @CsvSource({
            "server, server, true,  false",
            "server, client, false, true",
            "client, server, false, true",
            "client, client, true,  false",
            "client, both,   true,  true",
    })
    void whoPingsFollowsTheRole(String role, String pings, boolean targetPings, boolean counterpartPings) {
        Target target = target(role, pings, "pong");
        assertThat(target.pings()).isEqualTo(targetPings);
        assertThat(target.counterpartPings()).isEqualTo(counterpartPings);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ws-json, server, deadline", "ws-control, server, deadline", "line, client, sweep", "idle, client, deadline"})
    void everyReferenceDesignDeclaresItsModel(String design, String pings, String detection) {
        HeartbeatModel model = Design.parse(design).model();
        assertThat(HeartbeatModel.word(model.pings())).isEqualTo(pings);
        assertThat(HeartbeatModel.word(model.detection())).isEqualTo(detection);
        assertThat(ReferenceTargets.all()).filteredOn(t -> t.protocol().id().equals(design))
                .allSatisfy(t -> assertThat(t.model()).isEqualTo(model));
    }
}
