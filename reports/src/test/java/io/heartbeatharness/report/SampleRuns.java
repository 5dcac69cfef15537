package io.heartbeatharness.report;

import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.RunResult;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TimelineEvent;
import io.heartbeatharness.verdict.Verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fixed result data for renderer tests: every verdict, a repeated storm cell, and text no page may trust. */
final class SampleRuns {
    static final Instant STARTED = Instant.parse("2025-03-01T10:00:00Z");
    /** What a hostile target could print as its name, close reason or stderr. */
    static final String HOSTILE = "<script>alert(\"pwned\")</script> & 'quoted' <img src=http://example.invalid/x.png>";
    static final String HOSTILE_TARGET = "<script>alert(1)</script> server";
    static final String HEALTHY_SERVER = "ws-json server";
    static final String HEALTHY_CLIENT = "ws-json client";
    static final long FAULT_MS = 4_000;
    static final int STORM_CLIENTS = 40;

    private static final long MONO_BASE = 1_000_000_000_000L;
    private static final long WALL_BASE = STARTED.toEpochMilli();

    private SampleRuns() {
    }

    /** A run with six matrix cells and eight cell runs. */
    static RunResult run() {
        List<CellResult> cells = new ArrayList<>();
        cells.add(halfOpenServer());
        cells.add(halfOpenClient());
        cells.add(frozenClientFail());
        cells.add(frozenServerError());
        cells.add(keepaliveUnsupported());
        cells.add(storm(1, Verdict.PASS, 120L, 150L));
        cells.add(storm(2, Verdict.NON_STRICT, 135L, 160L));
        cells.add(storm(3, Verdict.PASS, 128L, 156L));
        return new RunResult(STARTED, "0.1.0-test", "17.0.15", 0.1, 150, cells);
    }

    /** Builds a timeline with millisecond offsets from the start of the cell. */
    static final class Events {
        private final List<TimelineEvent> events = new ArrayList<>();

        Events at(long ms, String source, String type, Object... keyValues) {
            Map<String, Object> data = new LinkedHashMap<>();
            for (int i = 0; i < keyValues.length; i += 2) {
                data.put(keyValues[i].toString(), keyValues[i + 1]);
            }
            events.add(new TimelineEvent(mono(ms), WALL_BASE + ms, source, type, data));
            return this;
        }

        List<TimelineEvent> list() {
            return events;
        }
    }

    static long mono(long ms) {
        return MONO_BASE + ms * 1_000_000;
    }

    /** Start-up and a heartbeat exchange through the proxy, then the fault at {@link #FAULT_MS}. */
    private static Events connectedThenFault(String server, String client) {
        return connectedThenFault(new Events(), server, client);
    }

    private static Events connectedThenFault(Events e, String server, String client) {
        e.at(0, Sources.HARNESS, HarnessEvents.PROCESS_START, "process", server, "pid", 100)
                .at(350, server, "listening", "port", 40001, "design", "ws-json")
                .at(360, Sources.HARNESS, HarnessEvents.PROCESS_START, "process", client, "pid", 101)
                .at(780, "proxy", "accept", "conn", "c1", "client_port", 50001)
                .at(782, "proxy", "connect", "conn", "c1")
                .at(860, "proxy", "bytes", "conn", "c1", "direction", "upstream", "bytes", 188, "dropped", false)
                .at(950, "proxy", "bytes", "conn", "c1", "direction", "downstream", "bytes", 129, "dropped", false)
                .at(955, server, "connected", "remote_port", 50002)
                .at(960, client, "connected", "local_port", 50001);
        for (long t = 1_000; t < FAULT_MS; t += 1_000) {
            e.at(t, server, "ping-sent")
                    .at(t + 1, "proxy", "bytes", "conn", "c1", "direction", "downstream", "bytes", 17, "dropped", false)
                    .at(t + 8, client, "ping-received")
                    .at(t + 9, client, "pong-sent")
                    .at(t + 10, "proxy", "bytes", "conn", "c1", "direction", "upstream", "bytes", 21, "dropped", false)
                    .at(t + 16, server, "pong-received");
        }
        e.at(FAULT_MS, Sources.HARNESS, HarnessEvents.FAULT_START, "fault", "blackhole", "direction", "both");
        return e;
    }

    private static CellResult halfOpenServer() {
        Events e = connectedThenFault("target", "peer");
        e.at(FAULT_MS + 3_000 - 16, "target", "ping-sent")
                .at(FAULT_MS + 3_000 - 15, "proxy", "bytes", "conn", "c1", "direction", "downstream", "bytes", 17, "dropped", true)
                .at(FAULT_MS + 3_484, "target", "peer-dead", "reason", "no pong within timeout")
                .at(FAULT_MS + 3_490, "target", "closed", "code", 4000, "reason", "heartbeat timeout", "by", "self")
                .at(FAULT_MS + 3_506, "proxy", "fin", "conn", "c1", "side", "server")
                .at(FAULT_MS + 3_520, Sources.HARNESS, HarnessEvents.FAULT_END, "fault", "blackhole")
                .at(FAULT_MS + 3_600, Sources.HARNESS, HarnessEvents.PROCESS_EXIT, "process", "peer", "status", 137);
        return new CellResult("half-open/both", "MUST", HEALTHY_SERVER, "embedded", Verdict.PASS,
                "expected the server to close the dead connection within 3650 ms (I + T + P + tol = 3000 + 500 + 0 "
                        + "+ 150 ms), observed 3506 ms", 3650L, "I + T + P + tol = 3000 + 500 + 0 + 150 ms", 3506L,
                null, 0.1, 150, mono(FAULT_MS), 11_018, e.list())
                .withScenarioText("All bytes dropped in both directions, no FIN or RST; both sockets stay open.",
                        "A server target closes the dead connection within I + T + P.");
    }

    private static CellResult halfOpenClient() {
        Events e = connectedThenFault("peer", "target");
        e.at(FAULT_MS + 2_984, "peer", "ping-sent")
                .at(FAULT_MS + 2_985, "proxy", "bytes", "conn", "c1", "direction", "downstream", "bytes", 17, "dropped", true)
                .at(FAULT_MS + 3_486, "peer", "peer-dead", "reason", "no pong within timeout")
                .at(FAULT_MS + 3_491, "peer", "closed", "code", 4000, "by", "self")
                .at(FAULT_MS + 3_492, "proxy", "fin", "conn", "c1", "side", "server")
                .at(FAULT_MS + 3_493, "target", "peer-dead", "reason", "no ping within interval + timeout")
                .at(FAULT_MS + 3_495, "proxy", "fin", "conn", "c1", "side", "client")
                .at(FAULT_MS + 3_496, "target", "closed", "code", 1006, "by", "abnormal")
                .at(FAULT_MS + 3_497, "target", "reconnect-scheduled", "attempt", 1, "delay_ms", 93)
                .at(FAULT_MS + 3_500, Sources.HARNESS, HarnessEvents.FAULT_END, "fault", "blackhole")
                .at(FAULT_MS + 3_594, "proxy", "accept", "conn", "c2", "client_port", 50003)
                .at(FAULT_MS + 3_595, "proxy", "connect", "conn", "c2")
                .at(FAULT_MS + 3_597, "peer", "connected", "remote_port", 50004)
                .at(FAULT_MS + 3_598, "target", "connected", "local_port", 50003)
                .at(FAULT_MS + 4_598, "peer", "ping-sent")
                .at(FAULT_MS + 4_606, "target", "ping-received");
        return new CellResult("half-open/both", "MUST", HEALTHY_CLIENT, "embedded", Verdict.PASS,
                "expected detection within 3650 ms and reconnect within 4650 ms of healing (I + T + backoff max + tol "
                        + "= 3000 + 500 + 1000 + 150 ms), observed 3495 ms and 98 ms", 3650L,
                "I + T + P + tol = 3000 + 500 + 0 + 150 ms", 3495L, 98L, 0.1, 150, mono(FAULT_MS), 7_631, e.list());
    }

    /** The budgets the cell states before it starts anything, as a real run records them (here while it waits its turn). */
    private static Events frozenClientBudgets() {
        return new Events()
                .at(-2_000, Sources.HARNESS, HarnessEvents.BUDGET, "name", "detection", "limit_ms", 3650L, "formula",
                        "I + T + P + tol = 3000 + 500 + 0 + 150 ms")
                .at(-2_000, Sources.HARNESS, HarnessEvents.BUDGET, "name", "reconnect-after-heal", "limit_ms", 4650L,
                        "formula", "I + T + backoff max + tol = 3000 + 500 + 1000 + 150 ms");
    }

    private static CellResult frozenClientFail() {
        Events e = connectedThenFault(frozenClientBudgets(), "target", "peer");
        e.at(FAULT_MS, Sources.HARNESS, HarnessEvents.SIGSTOP, "process", "peer", "pid", 101)
                .at(FAULT_MS + 2_990, "target", "ping-sent")
                .at(FAULT_MS + 5_400, "target", "closed", "code", 1000, "reason", HOSTILE, "by", "self")
                .at(FAULT_MS + 5_405, "proxy", "fin", "conn", "c1", "side", "server")
                .at(FAULT_MS + 5_500, Sources.HARNESS, HarnessEvents.SIGCONT, "process", "peer", "pid", 101)
                .at(FAULT_MS + 5_501, Sources.HARNESS, HarnessEvents.FAULT_END, "fault", "sigstop");
        return new CellResult("frozen-client", "MUST", HEALTHY_SERVER, "embedded", Verdict.FAIL,
                "expected the server to close the frozen client within 3650 ms (I + T + P + tol = 3000 + 500 + 0 + 150 "
                        + "ms), observed no close within 5475 ms", 3650L, "I + T + P + tol = 3000 + 500 + 0 + 150 ms",
                null, null, 0.1, 150, mono(FAULT_MS), 9_900, e.list());
    }

    private static CellResult frozenServerError() {
        return new CellResult("frozen-server", "MUST", HEALTHY_CLIENT, "embedded", Verdict.ERROR,
                "target: exited with status 1 before listening event; stderr tail: " + HOSTILE, null, null, null,
                null, 0.1, 150, null, 1_200, List.of());
    }

    private static CellResult keepaliveUnsupported() {
        return new CellResult("tcp-keepalive/blackhole", "MUST", HEALTHY_CLIENT, "embedded", Verdict.UNSUPPORTED,
                "the embedded backend cannot drop packets at the IP level", null, null, null, null, 0.1, 150, null, 0,
                List.of());
    }

    /** {@value #STORM_CLIENTS} clients reconnecting after the server's kill -9 and restart 500 ms later. */
    static CellResult storm(int repetition, Verdict verdict, Long detectionMs, Long reconnectMs) {
        Events e = new Events();
        e.at(0, Sources.HARNESS, HarnessEvents.PROCESS_START, "process", "target", "pid", 200)
                .at(300, "target", "listening", "port", 40010)
                .at(310, Sources.HARNESS, HarnessEvents.PROCESS_START, "process", "peer", "pid", 201);
        for (int i = 0; i < STORM_CLIENTS; i++) {
            e.at(700 + i, "peer", "connected", "slot", i);
        }
        long kill = 2_000;
        e.at(kill, Sources.HARNESS, HarnessEvents.FAULT_START, "fault", "kill", "process", "target")
                .at(kill, Sources.HARNESS, HarnessEvents.SIGKILL, "process", "target", "pid", 200)
                .at(kill + 20, Sources.HARNESS, HarnessEvents.PROCESS_EXIT, "process", "target", "status", 137);
        for (int i = 0; i < STORM_CLIENTS; i++) {
            e.at(kill + detectionMs + i % 5, "peer", "closed", "code", 1006, "by", "abnormal", "slot", i)
                    .at(kill + detectionMs + 1 + i % 5, "peer", "reconnect-scheduled", "attempt", 1, "delay_ms",
                            300 + (i * 37) % 400, "slot", i);
        }
        e.at(kill + 500, Sources.HARNESS, HarnessEvents.PROCESS_START, "process", "target", "pid", 202)
                .at(kill + 520, Sources.HARNESS, HarnessEvents.FAULT_END, "fault", "kill")
                .at(kill + 560, "target", "listening", "port", 40010);
        for (int i = 0; i < STORM_CLIENTS; i++) {
            // Deterministic jitter: spread over ~100 ms, with a crowd in repetition 2 (the NON_STRICT one).
            long at = repetition == 2 && i < 12 ? 570 + i % 3 : 570 + (i * 53 + repetition * 11) % (reconnectMs - 49);
            e.at(kill + at, "peer", "connected", "slot", i, "attempt", 1);
        }
        return new CellResult("server-restart/storm", "SHOULD", HOSTILE_TARGET, "embedded", verdict,
                verdict == Verdict.PASS ? "expected every client to reconnect within 1500 ms of the kill, spread "
                        + "(no 10 ms window above 10 %), observed " + (520 + reconnectMs) + " ms, busiest window 3 of 40"
                        : "expected no 10 ms window to hold more than 10 % of the reconnects, observed 12 of 40 (30 %)",
                1500L, "D + backoff max + tol = 500 + 850 + 150 ms", detectionMs, reconnectMs, 0.1, 150, mono(kill),
                4_000 + repetition, e.list())
                .withRepetition(repetition)
                .withScenarioText("kill -9 of the server under many clients, restart after D.",
                        "Every client reconnects within D + backoff max; reconnects are spread.");
    }
}
