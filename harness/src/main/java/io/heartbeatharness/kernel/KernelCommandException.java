package io.heartbeatharness.kernel;

import java.util.List;

/** A command that builds or changes a kernel network ({@code ip}, {@code iptables}, {@code sysctl}) failed. */
public final class KernelCommandException extends RuntimeException {
    public KernelCommandException(List<String> command, String problem) {
        super(String.join(" ", command) + ": " + problem);
    }
}
