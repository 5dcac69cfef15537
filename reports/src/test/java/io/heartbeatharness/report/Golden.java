package io.heartbeatharness.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares rendered output with a file under {@code src/test/resources/golden}. After a deliberate change to
 * the report, accept the new output with {@code mvn test -pl reports -Dgolden.update=true} and review the diff.
 */
final class Golden {
    private static final Path DIR = Path.of("src", "test", "resources", "golden");
    private static final Path ACTUAL = Path.of("target", "golden-actual");

    private Golden() {
    }

    static void assertMatches(String actual, String name) throws IOException {
        Path golden = DIR.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        Path written = ACTUAL.resolve(name);
        Files.createDirectories(written.getParent());
        Files.writeString(written, actual, StandardCharsets.UTF_8);
        assertThat(golden).as("golden file %s (run with -Dgolden.update=true to create it)", golden).exists();
        assertThat(actual)
                .as("%s differs from %s; the new output is in %s (accept with -Dgolden.update=true)", name, golden, written)
                .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
