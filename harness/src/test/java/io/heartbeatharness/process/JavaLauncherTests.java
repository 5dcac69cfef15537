package io.heartbeatharness.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class JavaLauncherTests {
    @Test
    void aPeerClassPathKeepsTheJarsAndDropsTheDirectoriesThatCannotBeArchived(@TempDir Path dir) throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path testClasses = Files.createDirectories(dir.resolve("test-classes"));
        Path peers = Files.createFile(dir.resolve("peers.jar"));
        Path netty = Files.createFile(dir.resolve("netty.jar"));
        String classPath = String.join(File.pathSeparator, classes.toString(), peers.toString(), testClasses.toString(),
                netty.toString());

        assertThat(JavaLauncher.jarsOnly(classPath)).isEqualTo(peers + File.pathSeparator + netty);
    }
}
