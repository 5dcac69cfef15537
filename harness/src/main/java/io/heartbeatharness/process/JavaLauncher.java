package io.heartbeatharness.process;

import io.heartbeatharness.reference.ReferenceMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the command line that runs one of the harness's own main classes in a fresh JVM. */
public final class JavaLauncher {
    private JavaLauncher() {
    }

    /**
     * The class path started JVMs get, when it is not this JVM's own: the build's integration tests point it at the
     * packaged jar, because a class path with a directory on it (their {@code test-classes}) cannot be archived
     * ({@link PeerClassArchive}).
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
        String classPath = classPath();
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

    /** Makes the class-data archive for started JVMs now, if there is none yet, so that no timed start waits for it. */
    public static void prepare() {
        PeerClassArchive.forClassPath(classPath(), STARTUP_FLAGS);
    }

    private static String classPath() {
        String configured = System.getProperty(CLASS_PATH_PROPERTY);
        return configured == null || configured.isBlank() ? System.getProperty("java.class.path") : configured.trim();
    }
}
