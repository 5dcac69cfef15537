package io.heartbeatharness.run;

import io.heartbeatharness.backend.AutoBackend;
import io.heartbeatharness.backend.EmbeddedBackend;
import io.heartbeatharness.backend.FaultBackend;
import io.heartbeatharness.backend.KernelBackend;
import io.heartbeatharness.backend.toxiproxy.ToxiproxyBackend;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The fault backends the harness knows, by id. */
public final class Backends {
    private static final Map<String, Supplier<FaultBackend>> KNOWN = new LinkedHashMap<>();

    static {
        KNOWN.put(AutoBackend.ID, AutoBackend::new);
        KNOWN.put(EmbeddedBackend.ID, EmbeddedBackend::new);
        KNOWN.put(ToxiproxyBackend.ID, ToxiproxyBackend::fromEnvironment);
        KNOWN.put(KernelBackend.ID, KernelBackend::new);
    }

    private Backends() {
    }

    public static FaultBackend embedded() {
        return new EmbeddedBackend();
    }

    public static List<String> ids() {
        return List.copyOf(KNOWN.keySet());
    }

    /** The backend called {@code id}; an unknown id is a usage error naming the known ones. */
    public static FaultBackend parse(String id) {
        Supplier<FaultBackend> backend = KNOWN.get(id);
        if (backend == null) {
            throw new IllegalArgumentException("--backend: unknown backend '" + id + "' (known: "
                    + String.join(", ", KNOWN.keySet()) + ")");
        }
        return backend.get();
    }
}
