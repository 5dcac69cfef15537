package io.heartbeatharness.timeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineJournalTests {

    @Test
    void everyEventIsAJsonLineInTheOrderItArrived(@TempDir Path dir) throws IOException {
        Timeline timeline = new Timeline();
        Path file = dir.resolve("cell.journal.gz");
        TimelineJournal journal = TimelineJournal.start(timeline, file);
        timeline.add(new TimelineEvent(200, 7, "proxy", "bytes", Map.of("conn", "c1", "bytes", 2L, "dropped", false)));
        timeline.add(new TimelineEvent(100, 8, "target", "closed", Map.of("line", "said \"bye\"\n")));
        journal.close();
        assertThat(lines(file)).containsExactly(
                "{\"mono_ns\":200,\"wall_ms\":7,\"source\":\"proxy\",\"type\":\"bytes\","
                        + "\"data\":{\"bytes\":2,\"conn\":\"c1\",\"dropped\":false}}",
                "{\"mono_ns\":100,\"wall_ms\":8,\"source\":\"target\",\"type\":\"closed\","
                        + "\"data\":{\"line\":\"said \\\"bye\\\"\\n\"}}");
    }

    private static List<String> lines(Path file) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            return in.lines().toList();
        }
    }
}
