package io.heartbeatharness.backend;

import io.heartbeatharness.kernel.KernelSupport;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code --backend auto}, the default: each cell on a backend that can make its fault — the kernel for a fault only
 * the kernel can make (TCP keepalive's IP-level blackhole) where this machine allows it (root, {@code ip},
 * {@code iptables}), the embedded proxy for every other. Each cell's result names the backend it ran on.
 */
public final class AutoBackend implements FaultBackend {
    public static final String ID = "auto";

    private final FaultBackend embedded = new EmbeddedBackend();
    private final FaultBackend kernel = new KernelBackend();
    private final Supplier<Optional<String>> kernelMissing;
    private volatile Optional<String> kernelMissingNow;

    public AutoBackend() {
        this(KernelSupport::unavailableReason);
    }

    /** @param kernelMissing why the kernel backend cannot run here, or empty; asked once, when first needed */
    AutoBackend(Supplier<Optional<String>> kernelMissing) {
        this.kernelMissing = kernelMissing;
    }

    /** The backend {@code backend} runs {@code scenario} on: itself, unless it is {@code auto}. */
    public static FaultBackend chosenFor(FaultBackend backend, FaultDemand scenario) {
        return backend instanceof AutoBackend auto ? auto.choose(scenario) : backend;
    }

    /** The kernel for a scenario that needs it, where the kernel backend can run; the embedded proxy otherwise. */
    public FaultBackend choose(FaultDemand scenario) {
        return scenario.needsKernelFaults() && kernelUnavailableReason().isEmpty() ? kernel : embedded;
    }

    /** Why this machine cannot run the kernel backend, or empty. */
    public Optional<String> kernelUnavailableReason() {
        Optional<String> known = kernelMissingNow;
        if (known == null) {
            known = kernelMissing.get();
            kernelMissingNow = known;
        }
        return known;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public Optional<String> refusal(FaultDemand scenario) {
        return choose(scenario).refusal(scenario);
    }

    @Override
    public CellNetwork open(BackendCell cell) {
        throw new IllegalStateException("auto opens no network itself: each cell runs on the backend chosen for it");
    }
}
