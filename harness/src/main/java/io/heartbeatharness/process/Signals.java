package io.heartbeatharness.process;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Sends POSIX signals with {@code kill}: {@link ProcessHandle} can only terminate, not stop or continue, and
 * cannot signal a process group.
 */
final class Signals {
    private Signals() {
    }

    static void send(String signal, ProcessHandle target) {
        int status = run(signal, Long.toString(target.pid()));
        if (status != 0 && target.isAlive()) {
            throw new IllegalStateException("kill -" + signal + " " + target.pid() + " exited with " + status);
        }
    }

    static void sendQuietly(String signal, ProcessHandle target) {
        if (target.isAlive()) {
            run(signal, Long.toString(target.pid()));
        }
    }

    /** Signals every process of group {@code pgid}; returns whether any was there to receive it. */
    static boolean sendGroup(String signal, long pgid) {
        return run(signal, "-" + pgid) == 0;
    }

    private static int run(String signal, String target) {
        try {
            // "--" so that a negative target (a process group) is not read as an option.
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", target)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                return -1;
            }
            return kill.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill -" + signal + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
