package io.heartbeatharness.scenario;

/**
 * Marks a scenario whose fault plan and check read only the processes' own event logs (connected, pong-received,
 * peer-dead, closed…) and harness marks — never a proxy's tap — so it runs on backends that have no tap, such as
 * the kernel.
 */
public interface JudgedFromProcessLogs {
}
