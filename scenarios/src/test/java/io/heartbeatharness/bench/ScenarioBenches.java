package io.heartbeatharness.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs the scenarios module's benchmarks named in {@code -Dbench.run} ({@code catalogue}, {@code precision},
 * {@code fleet}; all by default), each printing its figures and writing {@code <name>-bench.json} into the
 * directory given as the first argument. Not a test: {@code mvn -B -pl scenarios -am -Pbench -DskipTests verify}.
 */
public final class ScenarioBenches {
    private ScenarioBenches() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target");
        List<String> run = List.of(System.getProperty("bench.run", "catalogue,precision,fleet").split(","));
        for (String name : run) {
            Map<String, Object> figures = switch (name.trim()) {
                case "catalogue" -> CatalogueBench.run();
                case "precision" -> PrecisionBench.run();
                case "fleet" -> FleetBench.run();
                default -> throw new IllegalArgumentException("-Dbench.run: unknown benchmark '" + name
                        + "' (known: catalogue, precision, fleet)");
            };
            CatalogueBench.write(dir.resolve(name.trim() + "-bench.json"), figures);
        }
        // Peer processes and proxies are closed by their cells; nothing else may keep the JVM alive.
        System.exit(0);
    }
}
