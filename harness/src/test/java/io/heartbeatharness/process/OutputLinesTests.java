package io.heartbeatharness.process;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class OutputLinesTests {
    private final OutputLines lines = new OutputLines();

    @Test
    void aWatchSeesALineKeptBeforeItOpened() {
        lines.add("listening on 4711", false);

        try (OutputLines.Watch watch = lines.watch(Pattern.compile("listening on \\d+"))) {
            assertThat(watch.seen()).isTrue();
        }
    }

    @Test
    void aWatchSeesALaterLineOnEitherStreamAndNothingAfterItCloses() {
        OutputLines.Watch watch = lines.watch(Pattern.compile("ready"));
        lines.add("starting", false);
        assertThat(watch.seen()).isFalse();
        lines.add("ready", true);
        assertThat(watch.seen()).isTrue();

        OutputLines.Watch closed = lines.watch(Pattern.compile("later"));
        closed.close();
        lines.add("later", false);
        assertThat(closed.seen()).isFalse();
    }

    @Test
    void eachTailKeepsItsLastFortyLines() {
        for (int i = 1; i <= 50; i++) {
            lines.add("err " + i, true);
        }
        lines.add("out", false);

        assertThat(lines.stderrTail().lines()).hasSize(40).startsWith("err 11").endsWith("err 50");
        assertThat(lines.stdoutTail()).isEqualTo("out");
    }
}
