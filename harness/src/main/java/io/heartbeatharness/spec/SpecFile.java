package io.heartbeatharness.spec;

import java.util.List;
import java.util.Map;

/**
 * A target spec file as written, before any check: every field a string, list or map as YAML gives it, so that
 * unknown fields and wrong types are reported by the YAML reader and everything else by {@link TargetSpecs}.
 * Field names are snake_case in the file ({@code sweep_period}, {@code log_line}).
 */
record SpecFile(
        String name,
        String role,
        String protocol,
        String path,
        String interval,
        String timeout,
        String sweepPeriod,
        String backoffInitial,
        String backoffMax,
        Boolean jitter,
        Integer closeCode,
        String closeReason,
        String pings,
        String alive,
        String detection,
        String serverKeepAlive,
        List<String> command,
        Map<String, String> env,
        String workdir,
        Ready readiness,
        String address,
        String image,
        List<String> scenarios) {

    /** How the harness knows a started target is ready: one of {@code port}, {@code log_line}, {@code delay}. */
    record Ready(Boolean port, String logLine, String delay, String timeout) {
    }
}
