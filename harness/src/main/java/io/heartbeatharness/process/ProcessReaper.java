package io.heartbeatharness.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers every live {@link ManagedProcess} and, when the JVM shuts down, resumes and kills whatever is
 * still running — so a stopped peer never outlives the run that stopped it.
 */
public final class ProcessReaper {
    private static final Set<ManagedProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::reapAll, "process-reaper"));
    }

    private ProcessReaper() {
    }

    static void register(ManagedProcess process) {
        LIVE.add(process);
    }

    static void unregister(ManagedProcess process) {
        LIVE.remove(process);
    }

    /** How many started processes have not been closed yet. */
    public static int live() {
        return LIVE.size();
    }

    public static void reapAll() {
        for (ManagedProcess process : Set.copyOf(LIVE)) {
            process.close();
        }
    }
}
