package io.heartbeatharness.process;

import io.heartbeatharness.reference.ReferenceMain;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Builds the command line that runs one of the harness's own main classes in a fresh JVM. */
public final class JavaLauncher {
    private JavaLauncher() {
    }

    /**
     * The class path started peers get, when it is not chosen from this JVM's own: the build's integration tests point
     * it at a packaged jar, because a class path with a directory on it (their {@code test-classes}) cannot be
     * archived ({@link PeerClassArchive}). Other main classes always run on this JVM's class path.
     */
    public static final String CLASS_PATH_PROPERTY = "heartbeat.peer.classpath";

    /**
     * C1 only and a small serial heap: peers start sooner and stay small; they are started many times a run.
     */
    static final List<String> STARTUP_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
            "-Xss512k");

    /**
     * {@code java -cp <class path> <mainClass> <args>}, tuned for fast start-up: peers are short-lived and started many
     * times per run. The first call for a class path may take a few seconds to make its class-data archive.
     */
    public static List<String> command(String mainClass, List<String> args) {
        return command(System.getProperty("java.class.path"), mainClass, args);
    }

    /**
     * {@link #command} for a reference peer, on {@link #peerClassPath()}: what {@code check} and a cell start as the
     * harness's side of a connection.
     */
    public static List<String> peerCommand(List<String> args) {
        return command(peerClassPath(), ReferenceMain.class.getName(), args);
    }

    private static List<String> command(String classPath, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classPath);
        command.addAll(STARTUP_FLAGS);
        PeerClassArchive.forClassPath(classPath, STARTUP_FLAGS)
                .ifPresent(archive -> command.add("-XX:SharedArchiveFile=" + archive));
        command.add("-D" + ReferenceMain.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** Makes the class-data archive for started peers now, if there is none yet, so that no timed start waits for it. */
    public static void prepare() {
        PeerClassArchive.forClassPath(peerClassPath(), STARTUP_FLAGS);
    }

    /**
     * The class path peers start with: the configured one; else, when the peers come from a jar (a team's test run,
     * whose class path also holds its {@code target/classes}), only the jars of this JVM's class path, which hold
     * everything a peer loads and, unlike a directory, can be archived; else this JVM's own.
     */
    static String peerClassPath() {
        String configured = System.getProperty(CLASS_PATH_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        String own = System.getProperty("java.class.path");
        return peersInAJar() ? jarsOnly(own) : own;
    }

    /** The entries of {@code classPath} that are not directories, in order. */
    static String jarsOnly(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank() && !Files.isDirectory(Path.of(entry)))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static boolean peersInAJar() {
        try {
            CodeSource source = ReferenceMain.class.getProtectionDomain().getCodeSource();
            return source != null && Files.isRegularFile(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return false;
        }
    }

}
