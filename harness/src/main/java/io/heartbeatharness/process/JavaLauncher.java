package io.heartbeatharness.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the command line that runs one of the harness's own main classes in a fresh JVM. */
public final class JavaLauncher {
    /**
     * The system property through which a started JVM learns this JVM's pid, so that it can exit when the harness
     * is gone (read by {@code ReferenceMain}).
     */
    public static final String PARENT_PID_PROPERTY = "heartbeatharness.parent-pid";

    private JavaLauncher() {
    }

    /**
     * {@code java -cp <this JVM's class path> <mainClass> <args>}, tuned for fast start-up: peers are short-lived
     * and started many times per run.
     */
    public static List<String> command(String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        // C1 only and a small serial heap: peers start sooner and stay small; they are started many times a run.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx256m");
        command.add("-Xss512k");
        command.add("-D" + PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
