package io.heartbeatharness.kernel;

import io.heartbeatharness.process.LeftoverKind;

import java.util.List;

/**
 * Network namespaces and veths of killed runs, as one kind of leftover the next run removes (found through
 * {@code META-INF/services}). Without root, or without ip(8), no run could have made any.
 */
public final class LeftoverNetworks implements LeftoverKind {
    @Override
    public List<String> removeLeftovers() {
        // Without ip(8) the sweep fails, and Leftovers goes on with the other kinds: no namespace could have been made.
        return StaleKernelNetworks.sweep().stream().map(name -> "network " + name).toList();
    }
}
