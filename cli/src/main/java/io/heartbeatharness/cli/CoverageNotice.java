package io.heartbeatharness.cli;

import io.heartbeatharness.run.MatrixRun;
import io.heartbeatharness.backend.AutoBackend;
import io.heartbeatharness.backend.FaultBackend;
import io.heartbeatharness.backend.KernelBackend;
import io.heartbeatharness.target.TargetLaunch;
import io.heartbeatharness.backend.toxiproxy.DockerImages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a run will not cover, said before it starts: one line per cause — how many of the planned cells it makes
 * UNSUPPORTED, which scenarios, and how to get them — rather than a surprise per cell at the end.
 */
final class CoverageNotice {
    private CoverageNotice() {
    }

    /**
     * @param nginxMissing why nginx cannot run here, or empty
     */
    static List<String> lines(List<MatrixRun.Planned> cells, FaultBackend backend, Optional<String> nginxMissing) {
        return lines(cells, backend, nginxMissing, DockerImages::unavailableReason);
    }

    /**
     * @param imageMissing why a container image cannot start here ({@link DockerImages#unavailableReason}), or empty
     */
    static List<String> lines(List<MatrixRun.Planned> cells, FaultBackend backend, Optional<String> nginxMissing,
                              Function<String, Optional<String>> imageMissing) {
        Map<String, List<MatrixRun.Planned>> causes = new LinkedHashMap<>();
        containers(causes, cells, imageMissing);
        nginxMissing.ifPresent(reason -> add(causes, cells, c -> c.scenario().id().startsWith("proxy-idle/"),
                reason + "; install it (Debian: apt-get install nginx-light)"));
        String kernelHint = backend instanceof AutoBackend auto
                ? auto.kernelUnavailableReason().map(why -> "; the kernel backend could, but not here: " + why).orElse("")
                : "; run them as root with --backend kernel or auto";
        add(causes, cells, c -> c.scenario().needsKernelFaults()
                        && !KernelBackend.ID.equals(AutoBackend.chosenFor(backend, c.scenario()).id()),
                "no proxy can show an IP-level blackhole to TCP keepalive, whose probes its own kernel answers"
                        + kernelHint);
        for (MatrixRun.Planned cell : cells) {
            FaultBackend chosen = AutoBackend.chosenFor(backend, cell.scenario());
            chosen.refusal(cell.scenario()).ifPresent(reason ->
                    causes.computeIfAbsent("the " + chosen.id() + " backend: " + reason, k -> new ArrayList<>()).add(cell));
        }
        List<String> lines = new ArrayList<>();
        causes.forEach((cause, planned) -> {
            TreeSet<String> scenarios = new TreeSet<>();
            planned.forEach(c -> scenarios.add(c.scenario().id()));
            lines.add(String.format("will not cover %d of %d cells (%s): %s", planned.size(), cells.size(),
                    String.join(", ", scenarios), cause));
        });
        return lines;
    }

    /** One cause per reason, not per image: where no Docker engine answers, every container target says so once. */
    private static void containers(Map<String, List<MatrixRun.Planned>> causes, List<MatrixRun.Planned> cells,
                                   Function<String, Optional<String>> imageMissing) {
        Map<String, TreeSet<String>> imagesByReason = new LinkedHashMap<>();
        Map<String, List<MatrixRun.Planned>> cellsByReason = new LinkedHashMap<>();
        for (MatrixRun.Planned cell : cells) {
            if (cell.target().launch() instanceof TargetLaunch.Image image) {
                imageMissing.apply(image.image()).ifPresent(reason -> {
                    imagesByReason.computeIfAbsent(reason, k -> new TreeSet<>()).add(image.image());
                    cellsByReason.computeIfAbsent(reason, k -> new ArrayList<>()).add(cell);
                });
            }
        }
        cellsByReason.forEach((reason, planned) -> causes.put("targets in containers (" + String.join(", ",
                imagesByReason.get(reason)) + "): " + reason, planned));
    }

    private static void add(Map<String, List<MatrixRun.Planned>> causes, List<MatrixRun.Planned> cells,
                            Predicate<MatrixRun.Planned> affected, String cause) {
        List<MatrixRun.Planned> hit = cells.stream().filter(affected).toList();
        if (!hit.isEmpty()) {
            causes.put(cause, hit);
        }
    }
}
