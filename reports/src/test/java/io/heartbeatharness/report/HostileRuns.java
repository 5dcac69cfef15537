package io.heartbeatharness.report;

import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.RunResult;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Sources;
import io.heartbeatharness.timeline.TimelineEvent;
import io.heartbeatharness.verdict.Verdict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run in which a target put markup into everything it controls: its name, the verdict's message (built from
 * what it printed), and every part of its events — source, type, field names and values.
 */
final class HostileRuns {
    /** Closes an attribute, a tag, a comment and a CDATA section, then opens elements that would run or fetch. */
    static final String MARKUP = "\"'><!-- ]]></title></script><script>alert(1)</script>"
            + "<img src=x onerror=alert(2)><svg onload=alert(3)><a href=\"javascript:alert(4)\">x</a>";
    static final String TARGET = "evil" + MARKUP + " server";

    private HostileRuns() {
    }

    static RunResult run() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reason", MARKUP);
        data.put("field" + MARKUP, "value");
        data.put("code", 4000L);
        long fault = SampleRuns.mono(1_000);
        List<TimelineEvent> events = List.of(
                new TimelineEvent(SampleRuns.mono(0), 0, "target", "listening", Map.of("port", 40001L)),
                new TimelineEvent(fault, 1_000, Sources.HARNESS, HarnessEvents.FAULT_START, Map.of("fault", "blackhole")),
                new TimelineEvent(SampleRuns.mono(2_000), 2_000, "target" + MARKUP, "closed" + MARKUP, data),
                new TimelineEvent(SampleRuns.mono(2_500), 2_500, "target", "peer-dead", Map.of("reason", MARKUP)));
        CellResult cell = new CellResult("half-open/both", "MUST", TARGET, "embedded", Verdict.FAIL,
                "expected a close within 3650 ms, observed the target printing " + MARKUP, 3650L,
                "I + T + P + tol = 3000 + 500 + 0 + 150 ms", 1_000L, null, 0.1, 150, fault, 3_000, events);
        return new RunResult(SampleRuns.STARTED, "0.1.0-test", "17", 0.1, 150, List.of(cell));
    }
}
