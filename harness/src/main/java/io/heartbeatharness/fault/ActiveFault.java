package io.heartbeatharness.fault;

import java.util.function.LongSupplier;

/**
 * A fault that has been made and its start recorded, in one call; {@link #heal()} undoes it and records its end. A
 * fault a backend cannot make throws {@link io.heartbeatharness.backend.UnsupportedFault} from that call instead,
 * and the cell is UNSUPPORTED.
 */
public final class ActiveFault {
    private final long startedAt;
    private final LongSupplier healing;
    private boolean healed;

    private ActiveFault(long startedAt, LongSupplier healing) {
        this.startedAt = startedAt;
        this.healing = healing;
    }

    /** Makes {@code fault} at {@code site} and records its start, in the order that fault keeps. */
    public static ActiveFault inject(Fault fault, FaultSite site) {
        return new ActiveFault(fault.inject(site), () -> fault.heal(site));
    }


    /** When the start was recorded: the instant the judges measure the fault from. */
    public long startedAt() {
        return startedAt;
    }

    /** Undoes the fault and records its end, once; returns the end's instant. */
    public synchronized long heal() {
        if (healed) {
            throw new IllegalStateException("the fault is healed already");
        }
        healed = true;
        return healing.getAsLong();
    }
}
