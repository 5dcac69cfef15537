package io.heartbeatharness.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the machine was doing while a benchmark ran: figures measured under load say so. */
final class Machine {
    private Machine() {
    }

    /** The 1, 5 and 15 minute load averages (as {@code uptime} prints them), or "unknown". */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }
}
