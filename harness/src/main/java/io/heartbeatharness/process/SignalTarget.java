package io.heartbeatharness.process;

import java.util.ArrayList;
import java.util.List;

/**
 * What the signals sent to a started process reach: its process group where it leads one of its own (so also
 * everything it started), else the process alone.
 */
final class SignalTarget {
    private final Process process;
    private final boolean ownGroup;

    SignalTarget(Process process, boolean ownGroup) {
        this.process = process;
        this.ownGroup = ownGroup;
    }

    /** Sends {@code signal} ({@code STOP}, {@code CONT}) to the group, or to the process when no group took it. */
    void send(String signal) {
        if (!ownGroup || !Signals.sendGroup(signal, process.pid())) {
            Signals.send(signal, process.toHandle());
        }
    }

    /** SIGCONT then SIGKILL to the group (also reaching re-parented grandchildren), then to each descendant. */
    void killAll() {
        List<ProcessHandle> all = new ArrayList<>(process.toHandle().descendants().toList());
        all.add(process.toHandle());
        // Also once the process itself has exited: a grandchild it left behind is still in its group. The kernel
        // does not reuse a pid while it names a live group, so this cannot reach an unrelated process.
        if (ownGroup) {
            Signals.sendGroup("CONT", process.pid());
            Signals.sendGroup("KILL", process.pid());
        }
        for (ProcessHandle handle : all) {
            Signals.sendQuietly("CONT", handle);
            handle.destroyForcibly();
        }
    }
}
