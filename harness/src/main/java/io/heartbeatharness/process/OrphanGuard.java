package io.heartbeatharness.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The last line of defence when the harness JVM itself is killed with {@code kill -9} and neither {@code finally}
 * blocks nor shutdown hooks run: a small {@code sh} in a process group of its own (out of reach of a signal sent to
 * the harness's group) that remembers the process groups the harness started and, when its stdin (a pipe from this
 * JVM) reaches end of file — the JVM is gone, however it died — sends each group SIGCONT then SIGKILL. A stopped peer
 * therefore never outlives a killed harness.
 *
 * <pre>
 *   harness JVM --"add 4711" / "del 4711"--> sh (own group) --EOF--> kill -CONT -4711; kill -KILL -4711
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

    /** Whether processes can be given their own group ({@link OwnGroup}), which this guard relies on. */
    static boolean groupsAvailable() {
        return !OwnGroup.prefix().isEmpty();
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
        List<String> argv = new ArrayList<>(OwnGroup.prefix());
        if (argv.isEmpty()) {
            unavailable = true;
            return false;
        }
        argv.addAll(List.of("sh", "-c", SCRIPT));
        try {
            Process guard = new ProcessBuilder(argv)
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
