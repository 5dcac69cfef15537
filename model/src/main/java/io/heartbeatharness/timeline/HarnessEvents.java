package io.heartbeatharness.timeline;

/** The event types the harness records itself (source {@link Sources#HARNESS}). */
public final class HarnessEvents {
    /** A fault begins; data: fault (its name) and what it was given (direction, process, latency_ms, …). */
    public static final String FAULT_START = "fault-start";
    /** The fault is healed; data: fault. */
    public static final String FAULT_END = "fault-end";
    /**
     * Which backend makes the cell's faults and what the timeline learns from it; data: backend, evidence, server and
     * client (which of target and peer each is), handshake, model.
     */
    public static final String FAULT_PATH = "fault-path";
    /** {@link #FAULT_PATH}'s evidence when the path records every accept, byte, FIN and RST itself. */
    public static final String EVIDENCE_TAP = "proxy tap";
    /** {@link #FAULT_PATH}'s evidence when the processes' own logs are all the timeline learns. */
    public static final String EVIDENCE_PROCESS_LOGS = "process logs";
    /** A process the harness started; data: process, pid. */
    public static final String PROCESS_START = "process-start";
    /** A started process exited; data: process, status. */
    public static final String PROCESS_EXIT = "process-exit";
    /** The harness froze a process; data: process, pid. */
    public static final String SIGSTOP = "sigstop";
    /** The harness thawed a process; data: process, pid. */
    public static final String SIGCONT = "sigcont";
    /** The harness killed a process; data: process, pid. */
    public static final String SIGKILL = "sigkill";
    /** A real nginx the harness started is ready; data: port, read_timeout_ms. */
    public static final String NGINX_READY = "nginx-ready";
    /** A target the harness started with a command is ready; data: process, port. */
    public static final String TARGET_READY = "target-ready";
    /** The phase a fault was placed at, relative to a heartbeat exchange; data: after, phase. */
    public static final String PHASE = "phase";
    /** A random phase's offset from the exchange; data: offset_ms. */
    public static final String PHASE_OFFSET = "phase-offset";
    /**
     * A budget the cell is judged by, under its name: the plan states it before the fault plan runs (or once what it
     * depends on, such as a measured outage, is known), and the judge reads it back from here; data: name, limit_ms,
     * formula.
     */
    public static final String BUDGET = "budget";
    /** The kernel backend's namespaces for this cell; data: namespaces. */
    public static final String KERNEL_NETWORK = "kernel-network";
    /** A path that cannot reset by itself closes connections instead; data: cause. */
    public static final String PATH_CLOSES_CONNECTIONS = "path-closes-connections";
    /** A reset toxic is added; data: fault. */
    public static final String RESET_START = "reset-start";
    /** The end of the window a storm's reconnects are counted in. */
    public static final String STORM_OBSERVED = "storm-observed";
    /**
     * The harness starts tearing the cell down: nothing recorded from here on (its own kills, nginx stopping) is
     * evidence against the target.
     */
    public static final String TEARDOWN = "teardown";
    /** The cell's timeline is streamed to a journal file; data: file (its name, in the run's journal directory). */
    public static final String JOURNAL = "journal";

    private HarnessEvents() {
    }
}
