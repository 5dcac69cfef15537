package io.heartbeatharness.process;

import java.util.List;

/**
 * One kind of thing a harness run can leave in the system when it is killed outright (processes, temporary
 * directories, network namespaces…), and how to remove what dead runs left of it. Each thing must carry its
 * run's {@link RunMarker}, so that only leftovers of dead runs are touched, never those of a run still going.
 *
 * <p>Kinds beyond the built-in ones are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.heartbeatharness.process.LeftoverKind}.
 */
public interface LeftoverKind {
    /** Removes what dead runs left of this kind; returns one short description per thing removed. */
    List<String> removeLeftovers();
}
