package io.heartbeatharness.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.heartbeatharness.process.JavaLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run killed with SIGKILL while it writes its report leaves every file whole: the old version or the new one,
 * never half of either.
 */
class AtomicReportIT {
    /** Kills at random moments; each lands in a write with a good chance, as the writes take most of a round. */
    private static final int KILLS = 12;
    /** The longest a kill waits after the first complete write; a round of writes takes about as long. */
    private static final int MAX_DELAY_MS = 400;

    @Test
    void aRunKilledWhileWritingLeavesEveryReportFileWhole(@TempDir Path dir) throws Exception {
        Random random = new Random(7);
        for (int kill = 0; kill < KILLS; kill++) {
            Process writer = new ProcessBuilder(JavaLauncher.command(ReportLoop.class.getName(), List.of(dir.toString())))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    assertThat(out.readLine()).as("the writer's first report").isEqualTo("written");
                    Thread.sleep(random.nextInt(MAX_DELAY_MS));
                    writer.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
                    writer.waitFor();
                }
            } finally {
                writer.destroyForcibly();
            }
            assertWhole(dir);
        }
    }

    private static void assertWhole(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        json.readTree(dir.resolve("index.json").toFile()); // throws on a truncated file
        assertThat(Files.readString(dir.resolve("index.html")).stripTrailing()).endsWith("</html>");
        try (Stream<Path> cells = Files.list(dir.resolve("cells"))) {
            for (Path cell : cells.toList()) {
                String name = cell.getFileName().toString();
                if (name.endsWith(".json.gz")) {
                    JsonReport.readTree(cell); // throws on a truncated file
                } else if (name.endsWith(".html")) {
                    assertThat(Files.readString(cell).stripTrailing()).as(name).endsWith("</html>");
                }
            }
        }
        JsonReport.read(dir);
    }
}
