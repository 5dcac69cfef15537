package io.heartbeatharness.timeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a timeline holds on the heap, per event: a fleet-like mix of events (the proxy's tap of 5,000 connections,
 * and the peers' own log lines, stamped a millisecond before they arrive) appended while the list is read back in order now and then,
 * as a cell's waits read it; then the same events as a finished cell keeps them for the report. Live heap is measured
 * after full collections (run with {@code -XX:+UseSerialGC}), each size in a JVM of its own. A benchmark, not a test:
 * {@code mvn -B -pl model -Pbench-timeline verify}; figures on stdout and in {@code model/target/timeline-memory.json}.
 */
public final class TimelineMemoryBench {
    private static final int CONNECTIONS = 5_000;
    private static final int[] SIZES = {8_192, 100_000, 500_000};
    private static final int HELD = 5;

    private TimelineMemoryBench() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 2 && args[0].equals("--one")) {
            // A first round loads what the measured one uses: its heap is not the timeline's.
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

    /**
     * Each figure is the slope over several held at once, read once every timeline dropped on the way is known to be
     * collected: the JVM sometimes keeps the last object graph it dropped reachable for a while, which a single
     * reading would count.
     */
    private static String measure(int size) {
        long live = slope(dropped -> running(size, dropped));
        long kept = slope(dropped -> Timeline.compact(running(size, dropped).events()));
        return String.format("{\"events\":%d,\"live_bytes_per_event\":%.1f,\"finished_bytes_per_event\":%.1f,"
                        + "\"live_mb\":%.1f,\"finished_mb\":%.2f}",
                size, (double) live / size, (double) kept / size, live / 1e6, kept / 1e6);
    }

    /** The heap each of {@value #HELD} things {@code make} makes holds: the slope between the first and the last. */
    private static long slope(Function<List<WeakReference<Object>>, Object> make) {
        List<WeakReference<Object>> timelines = new ArrayList<>();
        List<Object> held = new ArrayList<>();
        held.add(make.apply(timelines));
        long first = liveHeap(timelines, held.get(0));
        for (int i = 1; i < HELD; i++) {
            held.add(make.apply(timelines));
        }
        return (liveHeap(timelines, held) - first) / (HELD - 1);
    }

    /** A running timeline of {@code size} events, read back in order as a wait would; its events noted in {@code made}. */
    private static Timeline running(int size, List<WeakReference<Object>> made) {
        Timeline timeline = fill(size);
        if (timeline.events().stream().filter(e -> e.is("bytes")).count() == 0) {
            throw new IllegalStateException("no tap events read back");
        }
        made.add(new WeakReference<>(timeline.arrived().objects()));
        return timeline;
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

    /**
     * The heap left by full collections once every timeline noted in {@code made} is collected or held by {@code held}
     * (whose own timelines count), and two readings in a row agree.
     */
    private static long liveHeap(List<WeakReference<Object>> made, Object held) {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 100; i++) {
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            boolean collected = made.stream().map(WeakReference::get)
                    .allMatch(objects -> objects == null || holds(held, objects));
            if (collected && Math.abs(last - used) < 64 * 1024) {
                return used;
            }
            last = used;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("a dropped timeline stayed reachable: the reading would be too high");
    }

    private static boolean holds(Object held, Object objects) {
        if (held instanceof Timeline timeline) {
            return timeline.arrived().objects() == objects;
        }
        return held instanceof List<?> list && list.stream().anyMatch(item -> holds(item, objects));
    }
}
