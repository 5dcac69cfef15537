package io.heartbeatharness.backend;

import java.util.Optional;

/** {@link AutoBackend} on a machine whose kernel backend is, or is not, available — without asking the machine. */
public final class AutoBackendForTests {
    private AutoBackendForTests() {
    }

    public static FaultBackend of(Optional<String> kernelMissing) {
        return new AutoBackend(() -> kernelMissing);
    }
}
