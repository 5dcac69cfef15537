package io.heartbeatharness.target;

import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.Design;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.verdict.Verdict;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deliberately broken variants of the reference implementations, each with the scenarios it is built to fail.
 * The harness has teeth only if every variant gets exactly these verdicts and passes every other scenario.
 */
public final class KnownBadTargets {
    private KnownBadTargets() {
    }

    /**
     * A broken target and what it must get.
     *
     * @param target   the variant
     * @param expected scenario id → the verdict it must get (FAIL, or NON_STRICT for a missed SHOULD); every
     *                 other applicable scenario must PASS
     * @param why      one sentence: the mistake, for the README table
     */
    public record Variant(Target target, Map<String, Verdict> expected, String why) {
    }

    public static List<Variant> all() {
        HeartbeatParams wsJson = ReferenceTargets.params(Design.WS_JSON);
        HeartbeatParams mqtt = ReferenceTargets.params(Design.MQTT);
        HeartbeatParams socketIo = ReferenceTargets.params(Design.SOCKET_IO);
        return List.of(
                new Variant(Target.reference(Design.WS_JSON, Side.SERVER, wsJson, Set.of(KnownBad.NEVER_CLOSE)),
                        Map.of("half-open/both", Verdict.FAIL, "half-open/upstream", Verdict.FAIL,
                                "half-open/downstream", Verdict.FAIL, "frozen-client", Verdict.FAIL,
                                "nat-idle/expired", Verdict.FAIL, "fleet/frozen-subset", Verdict.FAIL),
                        "notices the missing pong but never closes the connection"),
                new Variant(Target.reference(Design.WS_JSON, Side.CLIENT, wsJson, Set.of(KnownBad.NO_JITTER)),
                        Map.of("server-restart/storm", Verdict.NON_STRICT),
                        "reconnects on the plain exponential schedule: every client returns at the same instant"),
                new Variant(Target.reference(Design.WS_JSON, Side.CLIENT, wsJson, Set.of(KnownBad.NEVER_PING)),
                        Map.of("half-open/both", Verdict.FAIL, "half-open/downstream", Verdict.FAIL,
                                "frozen-server", Verdict.FAIL, "proxy-idle/nginx-keeps-alive", Verdict.FAIL,
                                "server-restart/storm", Verdict.FAIL, "latency/below-timeout", Verdict.FAIL,
                                "reset/mid-session", Verdict.FAIL, "nat-idle/keeps-alive", Verdict.FAIL,
                                "nat-idle/expired", Verdict.FAIL),
                        "never answers a heartbeat, so no exchange completes and the server drops it every I + T"),
                new Variant(Target.reference(Design.WS_JSON, Side.SERVER, wsJson, Set.of(KnownBad.HASTY_TIMEOUT)),
                        Map.of("latency/below-timeout", Verdict.FAIL),
                        "waits only a third of its declared T for a pong: a slow but live link looks dead to it"),
                new Variant(new Target("ws-json server (interval above proxy timeout)", Side.SERVER, Design.WS_JSON.protocol(),
                        wsJson.withInterval(Duration.ofSeconds(120)), new TargetLaunch.Reference(Design.WS_JSON, Set.of())),
                        Map.of("proxy-idle/nginx-keeps-alive", Verdict.FAIL),
                        "pings every 120 s, longer than nginx's 90 s idle timeout"),
                new Variant(Target.reference(Design.MQTT, Side.SERVER, mqtt, Set.of(KnownBad.NEVER_CLOSE)),
                        Map.of("half-open/both", Verdict.FAIL, "half-open/upstream", Verdict.FAIL,
                                "frozen-client", Verdict.FAIL, "nat-idle/expired", Verdict.FAIL,
                                "fleet/frozen-subset", Verdict.FAIL),
                        "never enforces 1.5 × K: a client that has gone silent stays connected"),
                new Variant(Target.reference(Design.SOCKET_IO, Side.CLIENT, socketIo,
                        Set.of(KnownBad.NO_RECONNECT_AFTER_PING_TIMEOUT)),
                        Map.of("half-open/both", Verdict.FAIL, "half-open/downstream", Verdict.FAIL,
                                "frozen-server", Verdict.FAIL, "nat-idle/expired", Verdict.FAIL,
                                "proxy-idle/nginx-cut", Verdict.FAIL),
                        "closes on a ping timeout but never reconnects after one"),
                new Variant(Target.reference(Design.SOCKET_IO, Side.CLIENT, socketIo, Set.of(KnownBad.NO_JITTER)),
                        Map.of("server-restart/storm", Verdict.NON_STRICT),
                        "reconnects without randomization: every client returns at the same instant"));
    }
}
