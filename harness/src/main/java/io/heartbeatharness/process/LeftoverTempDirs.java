package io.heartbeatharness.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Temporary directories dead runs made under {@code java.io.tmpdir} (nginx's prefix directory, named with
 * {@link RunMarker#name}): deleted with their content.
 */
final class LeftoverTempDirs implements LeftoverKind {
    /** Prefixes of the directories the harness names after its run. */
    static final List<String> PREFIXES = List.of(Leftovers.NGINX_PREFIX);

    @Override
    public List<String> removeLeftovers() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<String> removed = new ArrayList<>();
        try (Stream<Path> entries = Files.list(tmp)) {
            for (Path dir : (Iterable<Path>) entries::iterator) {
                Optional<RunMarker> owner = owner(dir.getFileName().toString());
                if (owner.isPresent() && owner.get().isDead() && Files.isDirectory(dir)) {
                    try {
                        deleteTree(dir);
                        removed.add("directory " + dir);
                    } catch (IOException e) {
                        // One directory that cannot go (a file that appeared meanwhile) must not keep the others.
                        System.err.println("heartbeat-harness: warning: cannot remove " + dir + ": " + e);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + tmp + ": " + e.getMessage(), e);
        }
        return removed;
    }

    private static Optional<RunMarker> owner(String name) {
        return PREFIXES.stream().map(prefix -> RunMarker.fromName(prefix, name)).flatMap(Optional::stream).findFirst();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
