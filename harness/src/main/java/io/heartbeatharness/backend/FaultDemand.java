package io.heartbeatharness.backend;

/** What a backend must know of a scenario to run it: where its fault can be made, and what its check reads. */
public interface FaultDemand {

    /**
     * Whether only the kernel backend can make this scenario's fault (an IP-level one no user-space proxy can show):
     * {@code --backend auto} runs it there when it can.
     */
    default boolean needsKernelFaults() {
        return false;
    }

    /**
     * Whether the fault plan and check read only the processes' own event logs (connected, pong-received, peer-dead,
     * closed…) and harness marks, never a proxy's tap, so it runs on backends that have no tap, such as the kernel.
     */
    default boolean judgedFromProcessLogs() {
        return false;
    }
}
