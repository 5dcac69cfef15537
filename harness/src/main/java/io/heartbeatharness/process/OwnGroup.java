package io.heartbeatharness.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The argv prefix that starts a process in a process group of its own, with the same pid, so that signals and
 * clean-up reach everything it starts: {@code setpgid(0, 0)} and {@code exec}, through {@code perl} (part of every
 * Debian and Ubuntu system), and otherwise {@code setsid}.
 *
 * <p>Why not {@code setsid} first: a new session is also a new scheduling group on Linux kernels with autogroup
 * scheduling ({@code /proc/sys/kernel/sched_autogroup_enabled}, on by default in most distributions). The kernel then
 * shares the CPU between sessions, not threads, and every peer JVM of a busy matrix is a session of its own. On the
 * 2-core build machine (32 cells of fleet, half-open and frozen, 10 at a time, a busy loop), a small process that only
 * slept 5 ms at a time woke up 40 to 224 ms late 22 times in 90 s, with both cores running user code meanwhile, and
 * the harness's proxies recorded 94 stalls (10 over 100 ms). The same cells with autogroup off: one wake-up 59 ms
 * late, 3 proxy stalls. A process group in the harness's own session keeps every process of a run in one scheduling
 * group, as if autogroup were off.
 */
final class OwnGroup {
    /** setpgid(0, 0), then exec with argv as given; exits 127, as a shell does, when the command cannot run. */
    static final String PERL_SETPGID_EXEC = "setpgrp(0, 0) or die \"setpgid: $!\\n\"; "
            + "exec { $ARGV[0] } @ARGV or do { print STDERR \"cannot execute $ARGV[0]: $!\\n\"; exit 127 }";

    private static final String[] BIN_DIRS = {"/usr/bin", "/bin", "/usr/sbin", "/sbin"};
    private static volatile List<String> prefix;

    private OwnGroup() {
    }

    /** The prefix for this machine, found once; empty where neither tool exists (the process then shares ours). */
    static List<String> prefix() {
        List<String> found = prefix;
        if (found == null) {
            found = prefix(OwnGroup::tool);
            if (!found.isEmpty() && found.get(0).endsWith("setsid")) {
                System.err.println("heartbeat-harness: perl not found, so started processes get sessions of their own;"
                        + " on a kernel with autogroup scheduling that makes their timings less exact");
            }
            prefix = found;
        }
        return found;
    }

    static List<String> prefix(Function<String, Optional<String>> tool) {
        Optional<String> perl = tool.apply("perl");
        if (perl.isPresent()) {
            return List.of(perl.get(), "-e", PERL_SETPGID_EXEC, "--");
        }
        return tool.apply("setsid").map(List::of).orElse(List.of());
    }

    /** An executable named {@code name} in the system's binary directories (not PATH: a user's PATH may shadow it). */
    static Optional<String> tool(String name) {
        for (String dir : BIN_DIRS) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
