package io.heartbeatharness.process;

import io.heartbeatharness.timeline.Timeline;

import java.util.List;

/**
 * A stand-in harness for {@link ManagedProcessIT}: starts {@code sleep} (or the command in its arguments), freezes
 * it, prints its pid and waits to be killed with {@code kill -9} — after which nothing of this JVM runs and only
 * {@link OrphanGuard} can clean up.
 */
public final class OrphanMaker {
    private OrphanMaker() {
    }

    public static void main(String[] args) throws InterruptedException {
        ManagedProcess sleeper = ManagedProcess.start("sleeper",
                args.length > 0 ? List.of(args) : List.of("sleep", "300"), new Timeline());
        sleeper.sigstop();
        System.out.println(sleeper.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
