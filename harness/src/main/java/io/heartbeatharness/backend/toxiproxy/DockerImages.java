package io.heartbeatharness.backend.toxiproxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Whether a container image can start here at once — a Docker engine answers and the image is already present — asked
 * of the {@code docker} client before Testcontainers is: Testcontainers would retry a pull for minutes where no
 * registry is reachable. Answers are cached per image for the JVM's life.
 */
public final class DockerImages {
    /** The Ryuk image Testcontainers 2.0.5 starts to reap containers, unless {@code TESTCONTAINERS_RYUK_DISABLED=true}. */
    static final String RYUK_IMAGE = "testcontainers/ryuk:0.14.0";
    /** How long the docker client may take to answer; an engine that does not answer in this time is not usable. */
    private static final long ANSWER_SECONDS = 10;
    private static final ConcurrentHashMap<String, Optional<String>> CHECKED = new ConcurrentHashMap<>();

    private DockerImages() {
    }

    /** Why {@code image} cannot be started by Testcontainers here (no engine, image not present…), or empty. */
    public static Optional<String> unavailableReason(String image) {
        return CHECKED.computeIfAbsent(image, DockerImages::check);
    }

    private static Optional<String> check(String image) {
        Optional<String> missing = missingLocally(image);
        if (missing.isPresent()) {
            return missing;
        }
        if (!"true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
            Optional<String> ryuk = missingLocally(RYUK_IMAGE);
            if (ryuk.isPresent()) {
                return Optional.of(ryuk.get() + " (or set TESTCONTAINERS_RYUK_DISABLED=true: the harness stops its "
                        + "containers itself)");
            }
        }
        if (Files.exists(Path.of("/.dockerenv")) && System.getenv("TESTCONTAINERS_HOST_OVERRIDE") == null) {
            return Optional.of("running inside a container without TESTCONTAINERS_HOST_OVERRIDE=localhost: "
                    + "Testcontainers would start another image to find the gateway");
        }
        return Optional.empty();
    }

    private static Optional<String> missingLocally(String image) {
        List<String> command = List.of("docker", "image", "inspect", "--format", "{{.Id}}", image);
        Process process;
        try {
            process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        } catch (IOException e) {
            return Optional.of("no docker client on PATH (" + e.getMessage() + ")");
        }
        try {
            if (!process.waitFor(ANSWER_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of("the Docker engine did not answer within " + ANSWER_SECONDS + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.exitValue() == 0) {
                return Optional.empty();
            }
            if (output.contains("No such image") || output.contains("No such object")) {
                return Optional.of("image " + image + " is not present locally (docker pull " + image
                        + " where a registry is reachable, or docker load it)");
            }
            return Optional.of("no Docker engine answers: " + firstLine(output));
        } catch (IOException e) {
            return Optional.of("docker client failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking the docker client");
        }
    }

    /** The first line that says something: {@code docker image inspect} prints {@code []} before its error. */
    static String firstLine(String text) {
        return text.lines().map(String::trim).filter(line -> !line.isEmpty() && !line.equals("[]")).findFirst()
                .orElse(text.trim());
    }
}
