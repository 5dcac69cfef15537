package io.heartbeatharness.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A class-data archive (dynamic AppCDS) of the classes a started peer JVM loads, so that each peer maps them instead
 * of loading and verifying Netty and the reference implementations again. A peer then reaches {@code listening} in
 * about 210 ms instead of 380 ms, with about 40 % less CPU time (0.32–0.34 s against 0.48–0.57 s for a ws-json server
 * on the 2-core build machine). Every cell starts one or two JVMs and a fleet cell eleven, each while other cells wait
 * on deadlines, so the CPU a start takes is what other cells' timings compete with.
 *
 * <p>The archive is made once per class path and JVM, by {@code PeerWarmup} in a JVM started with
 * {@code -XX:ArchiveClassesAtExit}, and kept in {@value #DIR_PROPERTY} (default
 * {@code ~/.cache/heartbeat-harness/peer-cds}), named by a digest of the JVM, the flags and every class-path entry's
 * path, size and modification time: a rebuilt jar gets a new archive. The JVM checks the same things itself when it
 * maps an archive, and starts without it on any mismatch. A class path with a directory on it cannot be archived (the
 * JVM refuses), and then peers start as they always did. {@code -D}{@value #ENABLED_PROPERTY}{@code =false} turns it
 * off.
 */
public final class PeerClassArchive {
    /** {@code false} starts peers without an archive. */
    public static final String ENABLED_PROPERTY = "heartbeat.peer.cds";
    /** Where archives are kept. */
    public static final String DIR_PROPERTY = "heartbeat.peer.cds.dir";
    /** Archives kept besides the newest: a few builds of the jar, each about 15 MB. */
    private static final int KEPT = 4;
    private static final long WARMUP_TIMEOUT_SECONDS = 60;
    private static final String WARMUP_MAIN = "io.heartbeatharness.reference.PeerWarmup";
    private static final String SUFFIX = ".jsa";

    private static final Map<String, Optional<Path>> MADE = new HashMap<>();

    private PeerClassArchive() {
    }

    /**
     * The archive for peers started with {@code classPath} and {@code flags}, made now if there is none yet; empty
     * when it is turned off or cannot be made (said once on stderr, with why). Blocks while the warm-up runs, a few
     * seconds, once per class path per machine: call it before anything is timed.
     */
    public static synchronized Optional<Path> forClassPath(String classPath, List<String> flags) {
        if ("false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, "true").trim())) {
            return Optional.empty();
        }
        String key = classPath + "\n" + String.join(" ", flags);
        Optional<Path> made = MADE.get(key);
        if (made == null) {
            made = make(classPath, flags, directory());
            MADE.put(key, made);
        }
        return made;
    }

    /** Finds or makes the archive in {@code dir}, without remembering the answer. */
    static Optional<Path> make(String classPath, List<String> flags, Path dir) {
        List<Path> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (!Files.isRegularFile(path)) {
                // The JVM archives classes from jar files only and refuses a class path with a non-empty directory.
                return Optional.empty();
            }
            entries.add(path);
        }
        Path archive;
        try {
            archive = dir.resolve(digest(entries, flags) + SUFFIX);
            if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
                return Optional.of(archive);
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            return unavailable("cannot use " + dir + ": " + e.getMessage());
        }
        Path partial = dir.resolve(archive.getFileName() + "." + ProcessHandle.current().pid() + ".partial");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-XX:ArchiveClassesAtExit=" + partial);
        command.add("-cp");
        command.add(classPath);
        command.add(WARMUP_MAIN);
        try {
            Process warmup = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!warmup.waitFor(WARMUP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                warmup.destroyForcibly().waitFor();
                return unavailable("the warm-up JVM did not finish within " + WARMUP_TIMEOUT_SECONDS + " s");
            }
            if (warmup.exitValue() != 0 || !Files.isRegularFile(partial) || Files.size(partial) == 0) {
                return unavailable("the warm-up JVM exited with status " + warmup.exitValue() + " and wrote no archive");
            }
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            pruneOlderThan(archive);
            return Optional.of(archive);
        } catch (IOException e) {
            return unavailable("cannot run the warm-up JVM: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // A leftover partial archive is never used: only complete ones have the final name.
            }
        }
    }

    static Path directory() {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        return Path.of(System.getProperty("user.home"), ".cache", "heartbeat-harness", "peer-cds");
    }

    /** The JVM, its flags, and each class-path entry's path, size and modification time. */
    static String digest(List<Path> entries, List<String> flags) throws IOException {
        StringBuilder text = new StringBuilder()
                .append(System.getProperty("java.home")).append('\n')
                .append(System.getProperty("java.vm.version")).append('\n')
                .append(String.join(" ", flags)).append('\n');
        for (Path entry : entries) {
            text.append(entry).append(' ').append(Files.size(entry)).append(' ')
                    .append(Files.getLastModifiedTime(entry).toMillis()).append('\n');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Keeps the {@value #KEPT} newest archives besides {@code kept}: older builds' archives are never mapped again. */
    private static void pruneOlderThan(Path kept) {
        try (Stream<Path> archives = Files.list(kept.getParent())) {
            archives.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && !p.equals(kept))
                    .sorted(Comparator.comparing(PeerClassArchive::modified).reversed())
                    .skip(KEPT)
                    .forEach(p -> {
                        try {
                            Files.deleteIfExists(p);
                        } catch (IOException ignored) {
                            // Another run may be pruning the same directory.
                        }
                    });
        } catch (IOException ignored) {
            // Pruning is housekeeping; the archive just made is in place.
        }
    }

    private static long modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }

    private static Optional<Path> unavailable(String why) {
        System.err.println("heartbeat-harness: peer JVMs start without a class-data archive: " + why);
        return Optional.empty();
    }
}
