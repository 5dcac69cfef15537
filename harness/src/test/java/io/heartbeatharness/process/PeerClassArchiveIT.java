package io.heartbeatharness.process;

import io.heartbeatharness.reference.ReferenceMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real warm-up on the harness's packaged jar and its dependencies: the archive is made once, kept under a
 * name of its own, and a reference server started with it (and {@code -Xshare:on}, which fails rather than start
 * without it) loads its classes from it.
 */
@Timeout(120)
class PeerClassArchiveIT {
    /** The build's class path without its test-classes directory: jars only, as a packaged harness has. */
    private static final String JARS = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> entry.endsWith(".jar"))
            .collect(Collectors.joining(File.pathSeparator));

    @Test
    void aReferenceServerStartsOnTheArchiveMadeForItsClassPath(@TempDir Path cache, @TempDir Path logs) throws Exception {
        Optional<Path> archive = PeerClassArchive.make(JARS, JavaLauncher.STARTUP_FLAGS, cache);

        assertThat(archive).isPresent();
        assertThat(archive.get().getParent()).isEqualTo(cache);
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(archive.get().getFileName().toString());
        }

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-cp", JARS));
        command.addAll(JavaLauncher.STARTUP_FLAGS);
        command.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive.get(), "-Xlog:class+load=info:stderr",
                ReferenceMain.class.getName(), "--design", "ws-json", "--role", "server", "--port", "0"));
        // The class-loading log goes to a file: thousands of lines would fill a pipe nobody reads yet.
        Path classLoads = logs.resolve("class-load.log");
        Process server = new ProcessBuilder(command).redirectError(classLoads.toFile()).start();
        try (BufferedReader stdout = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(stdout.readLine()).as("first event of a server started on the archive").contains("\"listening\"");
            server.destroy();
            server.waitFor();
            List<String> loaded = Files.readAllLines(classLoads).stream().filter(line -> line.contains("io.netty.channel.")
                    || line.contains("io.heartbeatharness.reference.")).toList();
            assertThat(loaded).isNotEmpty();
            assertThat(loaded).filteredOn(line -> line.contains("source: shared objects file"))
                    .as("classes mapped from the archive").hasSizeGreaterThan(loaded.size() / 2);
        } finally {
            server.destroyForcibly().waitFor();
        }
    }

    @Test
    void aSecondRunFindsTheArchiveInsteadOfMakingItAgain(@TempDir Path cache) throws IOException {
        Path first = PeerClassArchive.make(JARS, JavaLauncher.STARTUP_FLAGS, cache).orElseThrow();
        Files.setLastModifiedTime(first, FileTime.fromMillis(1_000_000));

        assertThat(PeerClassArchive.make(JARS, JavaLauncher.STARTUP_FLAGS, cache)).contains(first);
        assertThat(Files.getLastModifiedTime(first).toMillis()).isEqualTo(1_000_000);
    }
}
