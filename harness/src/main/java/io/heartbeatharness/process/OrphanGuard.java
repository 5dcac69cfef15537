package io.heartbeatharness.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The last line of defence when the harness JVM itself is killed with {@code kill -9} and neither {@code finally}
 * blocks nor shutdown hooks run: a small {@code sh} in a session of its own that remembers the process groups
 * the harness started and, when its stdin (a pipe from this JVM) reaches end of file — the JVM is gone, however it
 * died — sends each group SIGCONT then SIGKILL. A stopped peer therefore never outlives a killed harness.
 *
 * <pre>
 *   harness JVM --"add 4711" / "del 4711"--> sh (own session) --EOF--> kill -CONT -4711; kill -KILL -4711
 * </pre>
 */
final class OrphanGuard {
    private static final String SCRIPT = String.join("\n",
            "trap '' INT TERM HUP",
            "groups=' '",
            "while read -r op pg; do",
            "  case \"$op\" in",
            "    add) groups=\"$groups$pg \" ;;",
            "    del) kept=' '; for g in $groups; do [ \"$g\" = \"$pg\" ] || kept=\"$kept$g \"; done; groups=$kept ;;",
            "  esac",
            "done",
            "for g in $groups; do kill -CONT -\"$g\" 2>/dev/null; kill -KILL -\"$g\" 2>/dev/null; done",
            "");

    private static OutputStream commands;
    private static boolean unavailable;

    private OrphanGuard() {
    }

    /** Whether processes can be given their own group ({@code setsid} exists), which this guard relies on. */
    static boolean groupsAvailable() {
        return setsid() != null;
    }

    /** The {@code setsid} binary, or {@code null} on a system without it. */
    static String setsid() {
        for (String dir : new String[] {"/usr/bin", "/bin", "/usr/sbin", "/sbin"}) {
            Path candidate = Path.of(dir, "setsid");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    static synchronized void watch(long pgid) {
        send("add " + pgid);
    }

    static synchronized void forget(long pgid) {
        send("del " + pgid);
    }

    private static void send(String line) {
        if (!start()) {
            return;
        }
        try {
            commands.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            commands.flush();
        } catch (IOException e) {
            // The guard died (someone killed it): the shutdown hook and close() still clean up in normal cases.
            unavailable = true;
        }
    }

    private static boolean start() {
        if (commands != null || unavailable) {
            return !unavailable;
        }
        String setsid = setsid();
        if (setsid == null) {
            unavailable = true;
            return false;
        }
        try {
            Process guard = new ProcessBuilder(setsid, "sh", "-c", SCRIPT)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            commands = guard.getOutputStream();
            return true;
        } catch (IOException e) {
            unavailable = true;
            return false;
        }
    }
}
