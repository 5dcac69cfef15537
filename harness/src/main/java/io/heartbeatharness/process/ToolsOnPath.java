package io.heartbeatharness.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Finds executables on {@code PATH}, as a shell would; free of JUnit, so the command line can use it too. */
public final class ToolsOnPath {
    private static final Map<String, Optional<Path>> FOUND = new ConcurrentHashMap<>();

    private ToolsOnPath() {
    }

    /** The first executable called {@code name} on {@code PATH}; looked up once per JVM. */
    public static Optional<Path> find(String name) {
        return FOUND.computeIfAbsent(name, ToolsOnPath::searchPath);
    }

    private static Optional<Path> searchPath(String name) {
        String path = System.getenv("PATH");
        if (path == null || name.contains(File.separator)) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
