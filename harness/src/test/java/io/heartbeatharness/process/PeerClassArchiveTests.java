package io.heartbeatharness.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PeerClassArchiveTests {
    private static final List<String> FLAGS = List.of("-XX:+UseSerialGC");

    @Test
    void aClassPathWithADirectoryOnItGetsNoArchiveAndStartsNoWarmUp(@TempDir Path tmp) throws IOException {
        Path jar = Files.writeString(tmp.resolve("a.jar"), "not read");
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Path cache = tmp.resolve("cache");

        assertThat(PeerClassArchive.make(jar + File.pathSeparator + classes, FLAGS, cache)).isEmpty();
        assertThat(cache).doesNotExist();
    }

    @Test
    void aMissingClassPathEntryGetsNoArchive(@TempDir Path tmp) {
        assertThat(PeerClassArchive.make(tmp.resolve("gone.jar").toString(), FLAGS, tmp.resolve("cache"))).isEmpty();
    }

    @Test
    void aRebuiltJarOrOtherFlagsGetAnotherArchiveName(@TempDir Path tmp) throws IOException {
        Path jar = Files.writeString(tmp.resolve("a.jar"), "first build");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));
        String first = PeerClassArchive.digest(List.of(jar), FLAGS);

        assertThat(PeerClassArchive.digest(List.of(jar), FLAGS)).isEqualTo(first);
        assertThat(PeerClassArchive.digest(List.of(jar), List.of("-XX:+UseG1GC"))).isNotEqualTo(first);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(2_000_000));
        assertThat(PeerClassArchive.digest(List.of(jar), FLAGS)).isNotEqualTo(first);
        Files.writeString(jar, "second build, longer");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));
        assertThat(PeerClassArchive.digest(List.of(jar), FLAGS)).isNotEqualTo(first);
    }

    @Test
    void turnedOffByItsPropertyItIsNeverMade() {
        System.setProperty(PeerClassArchive.ENABLED_PROPERTY, "false");
        try {
            assertThat(PeerClassArchive.forClassPath(System.getProperty("java.class.path"), FLAGS)).isEmpty();
        } finally {
            System.clearProperty(PeerClassArchive.ENABLED_PROPERTY);
        }
    }
}
