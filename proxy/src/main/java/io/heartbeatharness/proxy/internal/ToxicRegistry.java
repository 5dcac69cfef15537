package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.proxy.control.ToxicSpec;
import io.heartbeatharness.proxy.control.ToxiproxyException;
import io.heartbeatharness.proxy.toxics.Toxic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A proxy's toxics in the order added, kept installed on its open connections. Changes hold the proxy's lock;
 * event loops read the list without it, so the list is replaced, never mutated.
 */
public final class ToxicRegistry {
    private final ConnectionSet connections;
    private final Object lock;
    private volatile List<ToxicSpec> toxics = List.of();

    public ToxicRegistry(ConnectionSet connections, Object lock) {
        this.connections = connections;
        this.lock = lock;
    }

    /**
     * Adds a toxic at the end of its stream's chain.
     *
     * @throws ToxiproxyException (409) when a toxic of that name exists
     */
    public ToxicSpec add(ToxicSpec spec) {
        synchronized (lock) {
            if (find(spec.name()).isPresent()) {
                throw ToxiproxyException.toxicExists();
            }
            List<ToxicSpec> added = new ArrayList<>(toxics);
            added.add(spec);
            toxics = List.copyOf(added);
            connections.forEach(c -> c.installToxic(spec));
            return spec;
        }
    }

    /** @throws ToxiproxyException (404) when there is no such toxic */
    public ToxicSpec update(String name, Toxic toxic, float toxicity) {
        synchronized (lock) {
            ToxicSpec current = find(name).orElseThrow(ToxiproxyException::toxicNotFound);
            if (toxic.type() != current.toxic().type()) {
                throw new IllegalArgumentException("toxic " + name + " is a " + current.type() + " toxic, not "
                        + toxic.type().name());
            }
            ToxicSpec updated = new ToxicSpec(name, current.stream(), toxicity, toxic);
            List<ToxicSpec> replaced = new ArrayList<>(toxics);
            replaced.set(replaced.indexOf(current), updated);
            toxics = List.copyOf(replaced);
            connections.forEach(c -> c.updateToxic(updated));
            return updated;
        }
    }

    /** @throws ToxiproxyException (404) when there is no such toxic */
    public void remove(String name) {
        synchronized (lock) {
            ToxicSpec current = find(name).orElseThrow(ToxiproxyException::toxicNotFound);
            List<ToxicSpec> remaining = new ArrayList<>(toxics);
            remaining.remove(current);
            toxics = List.copyOf(remaining);
            connections.forEach(c -> c.removeToxic(name));
        }
    }

    /** Removes every toxic, oldest first. */
    public void removeAll() {
        synchronized (lock) {
            for (ToxicSpec spec : List.copyOf(toxics)) {
                remove(spec.name());
            }
        }
    }

    public Optional<ToxicSpec> find(String name) {
        synchronized (lock) {
            return toxics.stream().filter(t -> t.name().equals(name)).findFirst();
        }
    }

    /** Every toxic, upstream ones first, each stream in the order added: the order Toxiproxy lists and applies them. */
    public List<ToxicSpec> ordered() {
        List<ToxicSpec> current = toxics;
        List<ToxicSpec> ordered = new ArrayList<>(current.size());
        for (Direction direction : Direction.values()) {
            for (ToxicSpec spec : current) {
                if (spec.stream() == direction) {
                    ordered.add(spec);
                }
            }
        }
        return ordered;
    }
}
