package io.heartbeatharness.time;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The harness JVM's own pauses. The proxy's event loop stamps every fault and every close, so a stop-the-world
 * pause in this JVM delays both and lands on the target's side of the ledger. G1, the default on a 2-core machine,
 * aims at 200 ms pauses, and with a busy neighbour its parallel workers stretched one 13 MB young collection to
 * 230 ms: more than the tolerance every budget carries. The serial collector with a young generation big enough to
 * hold a run's garbage pauses rarely and briefly, which is what {@code bin/heartbeat-harness} and the build's
 * test JVMs ask for ({@link #RECOMMENDED_FLAGS}).
 */
public final class HarnessPauses {
    /** The JVM flags the launcher and the build's integration-test JVMs use; keep in step with both. */
    public static final String RECOMMENDED_FLAGS = "-XX:+UseSerialGC -Xms1g -Xmn512m";

    private static final String EXPLICIT_CAUSE = "System.gc()";
    private static final Set<String> SERIAL_COLLECTORS = Set.of("Copy", "MarkSweepCompact");
    private static final AtomicLong collections = new AtomicLong();
    private static final AtomicLong longestMillis = new AtomicLong();
    private static volatile boolean listening;

    private HarnessPauses() {
    }

    /** The names of this JVM's collectors, e.g. "G1 Young Generation, G1 Old Generation". */
    public static String collectors() {
        return beans().stream().map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
    }

    /** Whether this JVM runs the serial collector, whose pauses do not wait for a second core. */
    public static boolean serialCollector() {
        return beans().stream().allMatch(bean -> SERIAL_COLLECTORS.contains(bean.getName()));
    }

    /**
     * Collects start-up garbage now, while nothing is being timed, and starts counting pauses. Call before the
     * first cell: a run then starts with an empty young generation instead of collecting during its first cells,
     * when child processes starting up keep both cores busy.
     */
    public static synchronized void settle() {
        System.gc();
        if (!listening) {
            for (GarbageCollectorMXBean bean : beans()) {
                if (bean instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener((notification, handback) -> {
                        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                            GarbageCollectionNotificationInfo info =
                                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                            if (EXPLICIT_CAUSE.equals(info.getGcCause())) {
                                return; // asked for by collectWhileNothingIsTimed(): no cell was running
                            }
                            collections.incrementAndGet();
                            longestMillis.accumulateAndGet(info.getGcInfo().getDuration(), Math::max);
                        }
                    }, null, null);
                }
            }
            listening = true;
        }
        collections.set(0);
        longestMillis.set(0);
    }

    /**
     * Collects now, at a moment the caller knows no cell is being timed (between cells that run alone), so that
     * the collections a run cannot avoid come less often while cells are. Not counted in {@link #summary()}.
     */
    public static void collectWhileNothingIsTimed() {
        System.gc();
    }

    /**
     * Collections the JVM decided on since {@link #settle()}, and the longest of them: for the run's summary line.
     * Those asked for while nothing was timed are left out.
     */
    public static String summary() {
        return collections.get() == 0 ? "no collection"
                : collections.get() + (collections.get() == 1 ? " collection" : " collections") + ", longest "
                + longestMillis.get() + " ms";
    }

    private static List<GarbageCollectorMXBean> beans() {
        return ManagementFactory.getGarbageCollectorMXBeans();
    }
}
