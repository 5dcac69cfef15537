package io.heartbeatharness.bench;

import io.heartbeatharness.timeline.Timeline;
import io.heartbeatharness.timeline.TimelineEvent;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a timeline holds on the heap, per event: a fleet-like mix of events (the proxy's tap of 5,000 connections,
 * and the peers' own log lines, stamped a millisecond before they arrive) appended while the list is read back in order now and then,
 * as a cell's waits read it; then the same events as a finished cell keeps them for the report. Live heap is measured
 * after full collections (run with {@code -XX:+UseSerialGC}). A benchmark, not a test:
 * {@code mvn -B -pl model -Pbench-timeline verify}; figures on stdout and in {@code model/target/timeline-memory.json}.
 */
public final class TimelineMemoryBench {
    private static final int CONNECTIONS = 5_000;
    private static final int[] SIZES = {8_192, 100_000, 500_000};

    private TimelineMemoryBench() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 2 && args[0].equals("--one")) {
            // A first round loads and compiles what the measured one uses: its heap is not the timeline's.
            measure(SIZES[0]);
            System.out.println(measure(Integer.parseInt(args[1])));
            return;
        }
        List<String> rows = new ArrayList<>();
        for (int size : SIZES) {
            // Each size in a JVM of its own, with this one's flags: nothing one leaves behind counts against the next.
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), TimelineMemoryBench.class.getName(),
                    "--one", Integer.toString(size)));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String row = new String(process.getInputStream().readAllBytes()).trim();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("the run of " + size + " events failed: " + row);
            }
            System.out.println(row);
            rows.add(row);
        }
        Path out = Path.of(args.length > 0 ? args[0] : "timeline-memory.json");
        Files.writeString(out, "[\n" + String.join(",\n", rows) + "\n]\n");
        System.out.println("written to " + out);
    }

    private static String measure(int size) {
        long base = liveHeap();
        long started = System.nanoTime();
        Timeline timeline = fill(size);
        long appendMs = (System.nanoTime() - started) / 1_000_000;
        long live = liveHeap() - base;
        started = System.nanoTime();
        long read = timeline.events().stream().filter(e -> e.is("bytes")).count();
        long readMs = (System.nanoTime() - started) / 1_000_000;
        WeakReference<Timeline> gone = new WeakReference<>(timeline);
        List<TimelineEvent> finished = Timeline.compact(timeline.events());
        timeline = null;
        long kept = liveHeap() - base;
        if (gone.get() != null || finished.size() != size || read == 0) {
            throw new IllegalStateException("the live timeline was still held, or events were lost");
        }
        return String.format("{\"events\":%d,\"live_bytes_per_event\":%.1f,\"finished_bytes_per_event\":%.1f,"
                        + "\"live_mb\":%.1f,\"finished_mb\":%.2f,\"append_ms\":%d,\"read_all_ms\":%d}",
                size, (double) live / size, (double) kept / size, live / 1e6, kept / 1e6, appendMs, readMs);
    }

    private static Timeline fill(int size) {
        Timeline timeline = new Timeline();
        long mono = 1_000_000_000L;
        for (int i = 0; i < size; i++) {
            mono += 20_000;
            String conn = "c" + (i % CONNECTIONS + 1);
            if (i % 10 == 9) {
                // A peer's log line, stamped by the peer a millisecond before it reached the harness.
                timeline.add(new TimelineEvent(mono - 1_000_000, System.currentTimeMillis(), "peer-" + (i % 10 + 1),
                        "pong-sent", Map.of("local_port", 30_000L + i % CONNECTIONS, "slot", (long) i % 500)));
            } else {
                timeline.add(new TimelineEvent(mono, System.currentTimeMillis(), "proxy", "bytes", Map.of("conn", conn,
                        "direction", i % 2 == 0 ? "upstream" : "downstream", "bytes", 188L, "dropped", false)));
            }
            if (i % 10_000 == 0) {
                timeline.events();
            }
        }
        timeline.events();
        return timeline;
    }

    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
