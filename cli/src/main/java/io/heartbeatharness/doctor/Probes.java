package io.heartbeatharness.doctor;

import io.heartbeatharness.process.ToolsOnPath;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Small, bounded looks at this machine: executables, a command's first line of output, the checkout. */
final class Probes {
    /** How long a version query or an import may take; one that takes longer is killed and counts as no answer. */
    static final Duration ANSWER = Duration.ofSeconds(3);

    private Probes() {
    }

    /** The first executable called {@code name} on {@code PATH} (as the tests find tools), else in {@code dirs}. */
    static Optional<Path> executable(String name, String... dirs) {
        return ToolsOnPath.find(name).or(() -> Stream.of(dirs).map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable).findFirst());
    }

    /** What {@code command} printed (stdout and stderr), whatever its exit status; empty when it did not answer. */
    static Optional<String> output(List<String> command, Duration within) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static Optional<String> output(String... command) {
        return output(List.of(command), ANSWER);
    }

    /** The first line of {@code text} that contains {@code marker}, from the marker on; else empty. */
    static Optional<String> lineWith(String text, String marker) {
        return text.lines().filter(l -> l.contains(marker)).findFirst()
                .map(l -> l.substring(l.indexOf(marker) + marker.length()).trim());
    }

    /** The repository's examples directory when the harness runs from the root of a checkout, else empty. */
    static Optional<Path> examples() {
        Path examples = Path.of("examples");
        return Files.isRegularFile(Path.of("pom.xml")) && Files.isDirectory(examples) ? Optional.of(examples)
                : Optional.empty();
    }

    /** What the notes say of the examples when doctor does not run from the root of a checkout. */
    static final String RUN_FROM_ROOT = "run doctor from the repository's root to check ";
}
