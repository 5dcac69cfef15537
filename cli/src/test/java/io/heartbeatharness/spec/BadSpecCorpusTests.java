package io.heartbeatharness.spec;

import io.heartbeatharness.cli.HarnessCli;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every malformed spec under {@code specs/bad/}, given to {@code check} through the command line's own entry point,
 * exits 2 with one line naming the file and the field its first comment names ({@code # field: ...}), and no stack
 * trace.
 */
class BadSpecCorpusTests {

    static Stream<Path> badSpecs() throws IOException, URISyntaxException {
        Path dir = Path.of(BadSpecCorpusTests.class.getResource("/specs/bad").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> specs = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(specs).as("the corpus of malformed specs").hasSizeGreaterThanOrEqualTo(20);
            return specs.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpecs")
    void exitsTwoWithOneLineNamingFileAndField(Path spec) throws IOException {
        String field = Files.readAllLines(spec).get(0).replaceFirst("^# field: ", "");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = HarnessCli.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "check", "--dry-run", "--target", spec.toString());

        assertThat(exit).as("exit status; stderr: %s", err).isEqualTo(HarnessCli.EXIT_USAGE);
        List<String> lines = err.toString().lines().toList();
        assertThat(lines).as("stderr").hasSize(1);
        assertThat(lines.get(0))
                .startsWith("heartbeat-harness: " + spec + ": " + field + ": ")
                .doesNotContain("Exception", "\tat ");
        assertThat(out.toString()).as("nothing planned").isEmpty();
    }
}
